// Hostile protocol messages generated from a seed, by family: bodies that are not JSON, invalid UTF-8, deep nesting,
// every field of every request given the wrong type, positions out of range, malformed URIs and huge inputs.
import { random } from "../support/random";

export type Family = "json" | "utf8" | "nesting" | "types" | "ranges" | "uris" | "huge";

export interface Hostile {
    family: Family;
    /** The whole body, framed with a correct Content-Length. */
    body: Buffer;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const uri = "file:///work/fuzz.ts";
const templates: Array<[string, unknown]> = [
    ["textDocument/inlineCompletion", { textDocument: { uri }, position: { line: 0, character: 0 }, context: { triggerKind: 2 } }],
    ["textDocument/didOpen", { textDocument: { uri: "file:///work/other.ts", languageId: "typescript", version: 1, text: "let a = 1;\n" } }],
    ["textDocument/didChange", { textDocument: { uri, version: 9 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "x" }] }],
    ["textDocument/didClose", { textDocument: { uri: "file:///work/other.ts" } }],
    ["textDocument/didSave", { textDocument: { uri } }],
    ["hearth/chat/send", { messages: [{ role: "user", content: "hi" }] }],
    ["hearth/refactor/run", { kind: "explain", uri, languageId: "typescript", code: "let a = 1;", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } } }],
    ["hearth/models/list", { directory: "/nonexistent-hearth-folder" }],
    ["hearth/models/recommend", { directory: "/nonexistent-hearth-folder" }],
    ["hearth/models/delete", { directory: "/nonexistent-hearth-folder", path: "/nonexistent-hearth-folder/a.gguf" }],
    ["workspace/didChangeConfiguration", { settings: { hearth: { completion: { maxTokens: 8 } } } }],
    ["$/cancelRequest", { id: 1 }],
    ["hearth/no/such", {}]
];

const wrongValues: readonly unknown[] = [null, 1.5, -1, "1", true, [], {}, 2 ** 53, "x".repeat(10_000), [[[]]], { line: 1 }];

/** The paths of every leaf of a value. */
function leaves(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
    if (typeof value !== "object" || value === null) return [path];
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return [path, ...entries.flatMap(([key, v]) => leaves(v, [...path, key]))];
}

function replaced(value: unknown, path: ReadonlyArray<string | number>, next: unknown): unknown {
    if (path.length === 0) return next;
    const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
    copy[path[0]] = replaced(copy[path[0]], path.slice(1), next);
    return copy;
}

const json = (message: object) => Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");

const makers: Record<Family, (rng: Rng, id: number) => Buffer> = {
    json: (rng) => Buffer.from(pick(rng, ["{", "[]", "null", "42", '"text"', '{"jsonrpc":"2.0","id":', "{'a':1}", "{\"jsonrpc\":\"2.0\",\"method\":5}", "", "\u0000\u0000", '{"id":1}', '{"jsonrpc":"1.0","id":3,"method":"initialize"}']), "utf8"),
    utf8: (rng, id) => {
        const body = json({ id, method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "typescript", version: 1, text: "@@" } } });
        const at = body.indexOf("@@");
        body[at] = pick(rng, [0xff, 0xc3, 0xed, 0x80]);
        body[at + 1] = pick(rng, [0xfe, 0x28, 0xa0, 0xbf]);
        return body;
    },
    nesting: (rng, id) => {
        const depth = pick(rng, [100, 1000, 10_000, 100_000]);
        return Buffer.from(`{"jsonrpc":"2.0","id":${id},"method":"hearth/chat/send","params":${"[".repeat(depth)}${"]".repeat(depth)}}`, "utf8");
    },
    types: (rng, id) => {
        const [method, params] = pick(rng, templates);
        const target = pick(rng, leaves(params));
        const mutated = replaced(params, target, pick(rng, wrongValues));
        return json(method.startsWith("textDocument/did") || method.startsWith("workspace/") || method.startsWith("$/") ? { method, params: mutated } : { id, method, params: mutated });
    },
    ranges: (rng, id) => {
        const line = pick(rng, [-1, 0, 1, 99, 2 ** 31, 2 ** 53, 1.5]);
        const character = pick(rng, [-1, 0, 3, 10_000, 2 ** 32, 0.5]);
        if (rng() < 0.5) return json({ id, method: "textDocument/inlineCompletion", params: { textDocument: { uri }, position: { line, character }, context: { triggerKind: 2 } } });
        return json({ method: "textDocument/didChange", params: { textDocument: { uri, version: 9 }, contentChanges: [{ range: { start: { line, character }, end: { line: 0, character: 0 } }, text: "z" }] } });
    },
    uris: (rng, id) => {
        const bad = pick(rng, ["file:///a%ZZ.ts", "a.ts", "", "%", "file://\u0000", "http://[::1", "file:///" + "%E0%A4%A".repeat(3), "::::", "file:///../../etc/passwd"]);
        const [method, params] = pick(rng, templates.filter(([, p]) => JSON.stringify(p).includes("uri")));
        const mutated = JSON.parse(JSON.stringify(params).replaceAll(uri, "@URI@").replaceAll("file:///work/other.ts", "@URI@"), (_, v: unknown) => (v === "@URI@" ? bad : v)) as unknown;
        return json(method.startsWith("textDocument/did") ? { method, params: mutated } : { id, method, params: mutated });
    },
    huge: (rng, id) => {
        const text = "const filler = 1;\n".repeat(pick(rng, [10_000, 100_000]));
        if (rng() < 0.5) return json({ method: "textDocument/didOpen", params: { textDocument: { uri: `file:///work/huge-${id}.ts`, languageId: "typescript", version: 1, text } } });
        return json({ id, method: "hearth/chat/send", params: { messages: [{ role: "user", content: text }], maxTokens: 1 } });
    }
};

export const families = Object.keys(makers) as Family[];

/** `count` hostile messages from `seed`, spread over the families; request ids start at `firstId`. */
export function hostileMessages(seed: number, count: number, firstId: number): Hostile[] {
    const rng = random(seed);
    return Array.from({ length: count }, (_, i) => {
        const family = families[i % families.length];
        return { family, body: makers[family](rng, firstId + i) };
    });
}

/** A body framed as LSP frames it. */
export function framed(body: Buffer): Buffer {
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]);
}
