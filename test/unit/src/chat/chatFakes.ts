// What the chat controller's tests run it against: a storage folder on the disk and an engine the test drives.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import type { ChatDelta, ChatSendParams, ChatSendResult } from "../../../../engine/protocol";
import type { ChatEngine } from "../../../../src/chat/answerStream";
import { ChatController, type ChatControllerOptions } from "../../../../src/chat/chatController";
import { ChatStore } from "../../../../src/chat/chatStore";
import { JsonFolder } from "../../../../src/chat/jsonFolder";
import type { Attachment, Conversation, ToWebview } from "../../../../src/chat/messages";

const root = mkdtempSync(join(tmpdir(), "hearth-chat-"));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/** The chat's storage folder, counting the files written to it. */
export class CountingFolder extends JsonFolder {
    writes = 0;
    constructor(path = join(root, `chats-${++folders}`)) {
        super(path);
    }
    override write(name: string, value: unknown): Promise<number> {
        this.writes++;
        return super.write(name, value);
    }
}

/** An engine whose answers the test drives: deltas by hand, then resolve or fail. */
export class FakeEngine implements ChatEngine {
    requests: Array<{ params: ChatSendParams; signal: AbortSignal; onDelta(delta: ChatDelta): void; resolve(result: ChatSendResult): void; reject(error: Error): void }> = [];
    private arrived = new Set<() => void>();

    send(params: ChatSendParams, signal: AbortSignal, onDelta: (delta: ChatDelta) => void): Promise<ChatSendResult> {
        return new Promise((resolve, reject) => {
            this.requests.push({ params, signal, onDelta, resolve, reject });
            for (const wake of this.arrived) wake();
        });
    }
    /** A piece of the latest request's answer. */
    delta(text: string, extra: Partial<ChatDelta> = {}): void {
        this.requests.at(-1)!.onDelta({ text, ...extra });
    }
    /** Resolves once the controller has sent request number `count`. */
    async request(count: number) {
        while (this.requests.length < count) await new Promise<void>((resolve) => this.arrived.add(resolve));
        return this.requests[count - 1];
    }
}

export const stats = { promptTokens: 10, evaluatedTokens: 10, reusedTokens: 0, generatedTokens: 3, queueMs: 0, promptMs: 1, generateMs: 1, pausedMs: 0 };

/** A controller over `folder` as the chat panel makes one; a store error fails the test. */
export async function makeController(folder = new CountingFolder(), throttleMs = 60_000, options: ChatControllerOptions = {}) {
    const engine = new FakeEngine();
    const posted: ToWebview[] = [];
    let n = 0;
    const store = await ChatStore.open(folder, undefined, { throttleMs, onError: (error) => assert.fail(String(error)) });
    const controller = await ChatController.restore(engine, store, (m) => posted.push(m), { newId: () => `id${++n}`, ...options });
    return { folder, engine, posted, store, controller };
}

/** A conversation as its file on the disk holds it now. */
export function stored(folder: JsonFolder, id: string): Conversation {
    return JSON.parse(readFileSync(join(folder.path, `chat-${id}.json`), "utf8")) as Conversation;
}

/** The open conversation and the draft as the disk holds them now. */
export function storedSession(folder: JsonFolder): { current?: string; draft?: string } {
    return JSON.parse(readFileSync(join(folder.path, "session.json"), "utf8")) as { current?: string; draft?: string };
}

export function selection(id: string, text: string, startLine = 0): Attachment {
    return { id, kind: "selection", label: `a.ts:${startLine + 1}`, uri: "file:///a.ts", source: "a.ts", language: "typescript", text, startLine };
}

export function file(uri: string, kind: "file" | "editor" = "file"): Attachment {
    const name = uri.split("/").pop()!;
    return { id: `${kind}:${uri}`, kind, label: name, uri, source: name, language: "typescript", text: `// ${name}` };
}
