import assert from "node:assert/strict";
import { createServer, type ServerResponse } from "node:http";
import { describe, it } from "node:test";
import { ServerHttp } from "../../../../../engine/runtime/server/serverHttp";

/** A streaming server that sends its headers at once and then does what `act` says with the response. */
async function streamingServer(act: (response: ServerResponse) => void) {
    const server = createServer((request, response) => {
        request.resume();
        response.writeHead(200, { "Content-Type": "text/event-stream" });
        response.flushHeaders();
        act(response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const http = new ServerHttp({ address: { origin, base: origin }, setting: "hearth.completion", apiKey: () => undefined });
    const close = () => new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
    });
    return { http, origin, close };
}

const event = (content: string) => `data: ${JSON.stringify({ content })}\n\n`;

async function read(http: ServerHttp, limits: { answerMs: number; stallMs: number }): Promise<unknown[]> {
    const answer = await http.stream("/completion", {}, new AbortController().signal, { ...limits, attempts: 1 }, "sse");
    const events: unknown[] = [];
    for await (const payload of answer.events) events.push(payload);
    return events;
}

describe("a streamed answer's time limits", () => {
    it("waits for the first event as long as for an answer, not only as long as between two events", async () => {
        // The first event comes after a prompt evaluation far longer than the 1 ms allowed between events.
        const server = await streamingServer((response) => setTimeout(() => response.end(event("a") + event("b")), 100));
        try {
            assert.deepEqual(await read(server.http, { answerMs: 30_000, stallMs: 1 }), [{ content: "a" }, { content: "b" }]);
        } finally {
            await server.close();
        }
    });

    const failures: Array<[string, (response: ServerResponse) => void, (origin: string) => RegExp]> = [
        ["no event at all: the server never answered", () => undefined, (origin) => new RegExp(`^Hearth cannot reach ${origin}: no answer within 200 ms$`)],
        ["an event, then nothing: the answer broke off", (response) => response.write(event("a")), (origin) => new RegExp(`^The connection to ${origin} broke off mid-answer: no answer within 200 ms$`)]
    ];
    for (const [name, act, message] of failures) {
        it(`gives up on ${name}`, async () => {
            const server = await streamingServer(act);
            try {
                await assert.rejects(read(server.http, { answerMs: 200, stallMs: 200 }), (error: Error) => {
                    assert.match(error.message, message(server.origin));
                    return true;
                });
            } finally {
                await server.close();
            }
        });
    }
});
