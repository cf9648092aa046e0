import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventSplitter, type Framing } from "../../../../../engine/runtime/server/eventFraming";

/** The body as it arrives in pieces, and the payloads it holds. */
const cases: Array<[string, Framing, string[], string[]]> = [
    ["SSE events, one per piece", "sse", ['data: {"a":1}\n\n', 'data: {"a":2}\n\n'], ['{"a":1}', '{"a":2}']],
    ["an SSE event split across pieces, mid-line and mid-separator", "sse", ['data: {"con', 'tent":"x"}\n', '\ndata: [DONE]\n\n'], ['{"content":"x"}', "[DONE]"]],
    ["CRLF line ends and a ping comment", "sse", [': ping\r\n\r\n', 'data: {"b":1}\r\n\r\n'], ['{"b":1}']],
    ["data without the space, and an event name", "sse", ['event: message\ndata:{"c":1}\n\n'], ['{"c":1}']],
    ["a last event with no closing blank line", "sse", ['data: {"d":1}\n\ndata: {"d":2}'], ['{"d":1}', '{"d":2}']],
    ["a multi-line data field", "sse", ['data: {"e":\ndata: 1}\n\n'], ['{"e":\n1}']],
    ["NDJSON lines split anywhere, blank lines skipped", "ndjson", ['{"response":"a"}\n{"resp', 'onse":"b"}\n\n{"done":true}'], ['{"response":"a"}', '{"response":"b"}', '{"done":true}']]
];

describe("event framing", () => {
    for (const [name, framing, pieces, payloads] of cases) {
        it(name, () => {
            const splitter = new EventSplitter(framing);
            const seen = pieces.flatMap((piece) => splitter.push(piece));
            assert.deepEqual([...seen, ...splitter.finish()], payloads);
        });
    }
});
