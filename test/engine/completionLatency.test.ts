// What keeps every keystroke cheap, on a real engine and model: prompts of bounded size whatever the document,
// a quick answer at a new place with the wider prompt evaluated in the background, the place prepared where the
// cursor rests, and recent places kept. Asserted on the tokens evaluated and on memory, never on times.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { settingsFor, tinyModel } from "./fixtures";
import { debugEnv, LspClient } from "./lspClient";
import { TypedDocument, type CompletionStats } from "./typedDocument";

function rssMiB(pid: number): number {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
}

const code = (name: string, lines: number) => Array.from({ length: lines }, (_, i) => `    const ${name}${i} = compute(${i}, "${name}");`).join("\n");
/** A file with a function missing in its middle: `|` marks where the user types. */
const source = (name: string) => `export function ${name}() {\n${code(name, 150)}\n    |\n${code(`${name}Tail`, 60)}\n}\n`;

/** A place in a document: `|` in its text marks the cursor; it can also tell the engine the cursor rests there. */
class Place extends TypedDocument {
    constructor(client: LspClient, uri: string, marked: string) {
        super(client, uri, marked.replace("|", ""), marked.indexOf("|"));
    }

    settle(): void {
        this.client.notify("hearth/cursor/didSettle", { textDocument: { uri: this.uri }, position: this.position() });
    }

    /** What the completion at the cursor cost. */
    async cost(): Promise<CompletionStats> {
        return (await this.complete()).stats;
    }
}

describe("completion latency", () => {
    let client: LspClient;
    /** Tokens one answer may evaluate when only the typed character is new. */
    const oneKeystroke = 4;

    before(async () => {
        client = new LspClient({ ...debugEnv, HEARTH_LOG: "debug" });
        const status = await client.start(settingsFor(await tinyModel(), { model: { contextSize: 6144 }, completion: { maxTokens: 4 } }));
        assert.equal(status.state, "ready", client.logTail());
        // As slow as a busy CPU, whatever this machine is: a new place is answered from a small window first.
        await client.configureDebug({ completionFixedTokens: 4, completionPromptTokensPerSecond: 200 });
    });
    after(async () => client?.stop());

    /** Resolves once the engine has evaluated the wide layout in the background, after log message `from`. */
    const widened = (from: number) => client.waitForNotification<{ message: string }>("window/logMessage", (m) => /warmed the wide layout/.test(m.message), from);

    it("answers at a new place from a small window first, then from the wide prompt the background evaluated", async () => {
        const place = new Place(client, "file:///work/new-place.ts", source("fresh"));
        place.type("r");
        const from = client.notifications.length;
        const first = await place.cost();
        assert.ok(first.promptTokens <= 200, `the first answer evaluated a quick prompt: ${first.promptTokens} tokens`);
        await widened(from);
        place.type("e");
        const next = await place.cost();
        assert.ok(next.promptTokens > 3 * first.promptTokens, `the next answer sees the wide prompt: ${next.promptTokens} tokens`);
        assert.ok(next.evaluatedTokens <= oneKeystroke, `and evaluates only the keystroke: ${next.evaluatedTokens} tokens`);
    });

    it("prepares the place where the cursor rests, so the first keystroke there costs only itself", async () => {
        const place = new Place(client, "file:///work/rested.ts", source("rested"));
        const from = client.notifications.length;
        place.settle();
        await widened(from);
        place.type("x");
        const first = await place.cost();
        assert.ok(first.evaluatedTokens <= oneKeystroke, `evaluated ${first.evaluatedTokens} of ${first.promptTokens} tokens`);
    });

    it("keeps recent places: jumping back to one evaluates only what was typed since", async () => {
        const a = new Place(client, "file:///work/place-a.ts", source("alpha"));
        const b = new Place(client, "file:///work/place-b.ts", source("beta"));
        for (const place of [a, b]) {
            place.type("c");
            const from = client.notifications.length;
            await place.cost();
            await widened(from);
        }
        a.type("o");
        const back = await a.cost();
        assert.ok(back.promptTokens > 200, `the wide prompt: ${back.promptTokens} tokens`);
        assert.ok(back.evaluatedTokens <= oneKeystroke, `evaluated ${back.evaluatedTokens} of ${back.promptTokens} tokens`);
    });

    const lines: Array<[string, string]> = [
        ["a normal line", `const x = 1;\nfunction f() {\n    return g(|);\n}\n`],
        ["a 100,000-character line", `const x = 1;\nconst data = "${"QUJDREVGR0g".repeat(4545)}|${"SUpLTE1OT1A".repeat(4545)}";\nfunction f() {}\n`],
        ["a file name of 20,000 characters", `const x = 1;\nfunction f() {\n    return g(|);\n}\n`]
    ];
    for (const [what, marked] of lines) {
        it(`keeps the prompt small and a keystroke cheap on ${what}`, async () => {
            const name = what.includes("file name") ? `${"n".repeat(20_000)}.ts` : `line-${what.length}.ts`;
            const place = new Place(client, `file:///work/${name}`, marked);
            place.type("a");
            const first = await place.cost();
            assert.ok(first.promptTokens <= 2048, `${first.promptTokens} prompt tokens`);
            place.type("b");
            const next = await place.cost();
            assert.ok(next.evaluatedTokens <= oneKeystroke, `evaluated ${next.evaluatedTokens} of ${next.promptTokens} tokens`);
        });
    }

    it("answers on a 50 MB document of one line from a prompt of normal size, growing the engine's memory by little", async () => {
        const pid = client.process.pid!;
        const place = new Place(client, "file:///work/bundle.min.js", `var data="${"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo".repeat(750_000)}|${"ZmVkY2Jh".repeat(3_000_000)}";`);
        await client.call("hearth/status/get");
        const opened = rssMiB(pid);
        place.type("q");
        const first = await place.cost();
        place.type("r");
        const next = await place.cost();
        const grown = rssMiB(pid) - opened;
        assert.ok(first.promptTokens <= 2048, `${first.promptTokens} prompt tokens`);
        assert.ok(next.evaluatedTokens <= oneKeystroke, `evaluated ${next.evaluatedTokens} of ${next.promptTokens} tokens`);
        // Each edit replaces the document's 50 MB string (the LSP document store copies it); nothing else may grow.
        assert.ok(grown < 150, `RSS grew by ${grown.toFixed(0)} MiB while answering`);
        client.notify("textDocument/didClose", { textDocument: { uri: place.uri } });
    });
});
