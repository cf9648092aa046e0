// A document an engine test types into, kept in step with the engine through incremental didChange, and the
// inline completions it asks for with what each one cost.
import { completionParams } from "./fixtures";
import type { LspClient } from "./lspClient";

export interface Item { insertText: string }
export interface CompletionStats { promptTokens: number; evaluatedTokens: number; reusedTokens: number; generatedTokens: number; cacheHit: boolean; queueMs: number; promptMs: number; generateMs: number; pausedMs: number }

export const itemsOf = (list: unknown): Item[] => (list === null ? [] : Array.isArray(list) ? (list as Item[]) : (list as { items: Item[] }).items);

/** A document the test types into, kept in step with the engine through incremental didChange. */
export class TypedDocument {
    private version = 1;
    constructor(protected readonly client: LspClient, readonly uri: string, public text: string, public cursor: number) {
        client.open(uri, text);
    }

    position(offset = this.cursor) {
        const before = this.text.slice(0, offset);
        const line = before.split("\n").length - 1;
        return { line, character: offset - (before.lastIndexOf("\n") + 1) };
    }

    type(text: string): void {
        const at = this.position();
        this.text = this.text.slice(0, this.cursor) + text + this.text.slice(this.cursor);
        this.cursor += text.length;
        this.client.notify("textDocument/didChange", { textDocument: { uri: this.uri, version: ++this.version }, contentChanges: [{ range: { start: at, end: at }, text }] });
    }

    request() {
        const { line, character } = this.position();
        return this.client.request("textDocument/inlineCompletion", completionParams(this.uri, line, character));
    }

    async complete(): Promise<{ items: Item[]; stats: CompletionStats }> {
        const from = this.client.notifications.length;
        const items = itemsOf(await this.request().result);
        const stats = await this.client.waitForNotification<CompletionStats>("hearth/completion/didFinish", () => true, from);
        return { items, stats };
    }
}

