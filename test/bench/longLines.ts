// Pathological documents against normal ones on the same engine: keystrokes on a 100,000-character line
// against keystrokes on a normal line, and a 50 MB document of one line (minified code, base64 data).
import { randomBytes } from "node:crypto";
import { HearthDriver, memoryOf, positionAt } from "./hearthDriver";
import { fixture } from "./typingTrace";
import { percentile } from "./report";
import { replay, type Step } from "./trace";
import type { LspClient } from "../engine/lspClient";

export interface KeystrokeCost {
    p50Ms: number;
    evaluatedTokens: number;
}

export interface LongLineResult {
    normal: KeystrokeCost;
    longLine: KeystrokeCost;
    huge: { firstAnswerMs: number; keystrokeMs: number; rssBeforeMiB: number; rssOpenMiB: number; rssAfterMiB: number };
}

/** Types a word key by key at `offset` of `text`, waiting for the suggestion after each key. */
async function keystrokes(client: LspClient, uri: string, text: string, offset: number): Promise<KeystrokeCost> {
    const steps: Step[] = [
        { kind: "open", uri, text },
        { kind: "jump", uri, offset, delayMs: 0 },
        ...[..."retries"].map((key, i): Step => ({ kind: "edit", deleteBefore: 0, text: key, delayMs: i === 0 ? 1500 : 300, pause: true }))
    ];
    const samples = await replay({ name: uri, steps }, new HearthDriver(client));
    // The first key at a place is a jump's; the rest are what typing on such a line costs.
    const typing = samples.slice(1);
    return { p50Ms: percentile(typing.map((s) => s.latencyMs), 50), evaluatedTokens: percentile(typing.map((s) => s.evaluatedTokens), 50) };
}

async function hugeDocument(client: LspClient): Promise<LongLineResult["huge"]> {
    const uri = "file:///bench/bundle.min.js";
    const text = `var data="${randomBytes(37_500_000).toString("base64")}";`;
    const pid = client.process.pid!;
    const rssBeforeMiB = memoryOf(pid).rssMiB;
    client.open(uri, text, "javascript");
    await client.call("hearth/status/get");
    const rssOpenMiB = memoryOf(pid).rssMiB;
    const cursor = text.length >> 1;
    const sent = performance.now();
    await client.call("textDocument/inlineCompletion", { textDocument: { uri }, position: positionAt(text, cursor), context: { triggerKind: 2 } });
    const firstAnswerMs = performance.now() - sent;
    const at = positionAt(text, cursor);
    client.notify("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: at, end: at }, text: "x" }] });
    const typed = performance.now();
    await client.call("textDocument/inlineCompletion", { textDocument: { uri }, position: { line: at.line, character: at.character + 1 }, context: { triggerKind: 2 } });
    const keystrokeMs = performance.now() - typed;
    const rssAfterMiB = memoryOf(pid).rssMiB;
    client.notify("textDocument/didClose", { textDocument: { uri } });
    return { firstAnswerMs, keystrokeMs, rssBeforeMiB, rssOpenMiB, rssAfterMiB };
}

export async function measureLongLines(client: LspClient): Promise<LongLineResult> {
    const router = fixture("router.ts.txt");
    const normal = await keystrokes(client, "file:///bench/normal.ts", router, router.indexOf("const started = Date.now();"));
    const line = `export const fixtures = ["${"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo".repeat(2900).slice(0, 100_000)}"];`;
    const long = `${router.slice(0, 2000)}\n${line}\n${router.slice(2000)}`;
    const longLine = await keystrokes(client, "file:///bench/long.ts", long, 2001 + 50_000);
    return { normal, longLine, huge: await hugeDocument(client) };
}
