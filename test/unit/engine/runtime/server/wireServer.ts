// A local HTTP server answering fixed JSON per path, for the dialects' probe tests; it records what it was sent.
import { createServer, type Server } from "node:http";
import { ServerHttp } from "../../../../../engine/runtime/server/serverHttp";

export interface WireServer {
    http: ServerHttp;
    sent: Array<{ method: string; path: string; body: unknown }>;
    close(): Promise<void>;
}

export async function wireServer(answers: Record<string, { status?: number; body: unknown }>): Promise<WireServer> {
    const sent: WireServer["sent"] = [];
    const server: Server = createServer((request, response) => {
        let raw = "";
        request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
        request.on("end", () => {
            const path = request.url ?? "";
            sent.push({ method: request.method ?? "", path, body: raw === "" ? undefined : (JSON.parse(raw) as unknown) });
            const answer = answers[path] ?? { status: 404, body: { error: "not found" } };
            response.writeHead(answer.status ?? 200, { "Content-Type": "application/json" });
            response.end(JSON.stringify(answer.body));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const http = new ServerHttp({ address: { origin, base: origin }, setting: "hearth.completion", apiKey: () => undefined });
    return { http, sent, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export const probeLimits = { answerMs: 5000, stallMs: 5000, attempts: 1 };
