// A tiny HTTP server that plays an inference server going wrong: down, failing, slow, or breaking off mid-answer.
// It answers what Hearth asks a llama-server first (/props, /tokenize) like a healthy one, and every generation
// request with the behaviour the test chose.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

export type Behaviour =
    | { kind: "status"; status: number; body: string }
    /** Sends these SSE events' text, then cuts the connection without ending the answer. */
    | { kind: "breakOff"; pieces: string[] }
    /** Accepts the request and never answers. */
    | { kind: "silent" }
    /** Drops the first `drops` connections before answering, then answers with `pieces`. */
    | { kind: "flaky"; drops: number; pieces: string[] }
    /** Streams a piece every few milliseconds until the client closes the connection. */
    | { kind: "endless" }
    /**
     * Answers with `pieces` after `delayMs`, one every `pieceMs`, unless the client closes the connection first; on
     * /completion its last event reports the tokens evaluated and generated, as llama-server's does.
     */
    | { kind: "slow"; delayMs: number; pieces: string[]; pieceMs: number };

export class FakeInferenceServer {
    /** Generation requests received, with the headers they came with. */
    readonly requests: Array<{ path: string; authorization?: string; body: unknown }> = [];
    /** Answers the client closed before they ended. */
    closedEarly = 0;
    behaviour: Behaviour = { kind: "status", status: 500, body: "{}" };
    /** The parallel slots /props reports: more than one is a server set up for a team. */
    slots = 1;
    private readonly server: Server;
    private readonly sockets = new Set<Socket>();
    private dropped = 0;

    private constructor() {
        this.server = createServer((request, response) => void this.handle(request, response));
        this.server.on("connection", (socket) => {
            this.sockets.add(socket);
            socket.on("close", () => this.sockets.delete(socket));
        });
    }

    static async start(): Promise<FakeInferenceServer> {
        const fake = new FakeInferenceServer();
        await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
        return fake;
    }

    get url(): string {
        return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    }

    async stop(): Promise<void> {
        for (const socket of this.sockets) socket.destroy();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
        let raw = "";
        for await (const chunk of request) raw += chunk;
        const path = request.url ?? "";
        if (path === "/props") return json(response, { model_alias: "fake.gguf", default_generation_settings: { n_ctx: 4096 }, total_slots: this.slots });
        if (path === "/tokenize") return json(response, { tokens: [1] });
        this.requests.push({ path, authorization: request.headers.authorization, body: raw === "" ? undefined : JSON.parse(raw) });
        const behaviour = this.behaviour;
        if (behaviour.kind === "status") {
            response.writeHead(behaviour.status, { "Content-Type": "application/json" });
            response.end(behaviour.body);
        } else if (behaviour.kind === "breakOff") {
            response.writeHead(200, { "Content-Type": "text/event-stream" });
            for (const text of behaviour.pieces) response.write(event(text));
            // Written, then cut: what a crashed server or a dropped network looks like.
            setImmediate(() => request.socket.destroy());
        } else if (behaviour.kind === "flaky" && this.dropped < behaviour.drops) {
            this.dropped++;
            request.socket.destroy();
        } else if (behaviour.kind === "flaky") {
            response.writeHead(200, { "Content-Type": "text/event-stream" });
            for (const text of behaviour.pieces) response.write(event(text));
            response.end("data: [DONE]\n\n");
        } else if (behaviour.kind === "slow") {
            const pieces = [...behaviour.pieces];
            const next = () => {
                const text = pieces.shift();
                if (text === undefined) return void response.end(path === "/completion" ? completionEvent("", behaviour.pieces.length) : "data: [DONE]\n\n");
                response.write(path === "/completion" ? completionEvent(text) : event(text));
                timer = setTimeout(next, behaviour.pieceMs);
            };
            let timer = setTimeout(() => {
                response.writeHead(200, { "Content-Type": "text/event-stream" });
                next();
            }, behaviour.delayMs);
            response.on("close", () => clearTimeout(timer));
        } else if (behaviour.kind === "endless") {
            response.writeHead(200, { "Content-Type": "text/event-stream" });
            const timer = setInterval(() => response.write(path === "/completion" ? completionEvent("x") : event("x")), 5);
            response.on("close", () => {
                clearInterval(timer);
                this.closedEarly++;
            });
        }
        // "silent": nothing, until the client gives up.
    }
}

function json(response: ServerResponse, body: object): void {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify(body));
}

/** An OpenAI chat chunk, as llama-server streams it on /v1/chat/completions. */
function event(text: string): string {
    return `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
}

/** A llama-server /completion chunk; the last one, after `generated` tokens, stops and reports the timings. */
function completionEvent(text: string, generated?: number): string {
    const last = generated === undefined ? {} : { stop: true, stop_type: "eos", timings: { cache_n: 0, prompt_n: 1, predicted_n: generated } };
    return `data: ${JSON.stringify({ content: text, stop: false, ...last })}\n\n`;
}
