// What the chat controller's tests run it against: workspace state in memory and an engine the test drives.
import type { ChatDelta, ChatSendParams, ChatSendResult } from "../../../../engine/protocol";
import { ChatController, type ChatControllerOptions, type ChatEngine } from "../../../../src/chat/chatController";
import { ChatStore, type KeyValueStore } from "../../../../src/chat/chatStore";
import type { Attachment, Conversation, ToWebview } from "../../../../src/chat/messages";

/** workspaceState as VS Code keeps it: reads see every update at once, writes finish later. */
export class MemoryState implements KeyValueStore {
    readonly values = new Map<string, unknown>();
    writes = 0;
    get<T>(key: string): T | undefined {
        const value = this.values.get(key);
        return value === undefined ? undefined : (structuredClone(value) as T);
    }
    update(key: string, value: unknown): Thenable<void> {
        this.writes++;
        if (value === undefined) this.values.delete(key);
        else this.values.set(key, structuredClone(value));
        return Promise.resolve();
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

export function makeController(state = new MemoryState(), throttleMs = 60_000, options: ChatControllerOptions = {}) {
    const engine = new FakeEngine();
    const posted: ToWebview[] = [];
    let n = 0;
    const store = new ChatStore(state, throttleMs);
    const controller = new ChatController(engine, store, (m) => posted.push(m), { newId: () => `id${++n}`, ...options });
    return { state, engine, posted, store, controller };
}

export function stored(state: MemoryState, id: string): Conversation {
    return state.get<Conversation>(`hearth.chat.conversation.${id}`)!;
}

export function selection(id: string, text: string, startLine = 0): Attachment {
    return { id, kind: "selection", label: `a.ts:${startLine + 1}`, uri: "file:///a.ts", source: "a.ts", language: "typescript", text, startLine };
}

export function file(uri: string, kind: "file" | "editor" = "file"): Attachment {
    const name = uri.split("/").pop()!;
    return { id: `${kind}:${uri}`, kind, label: name, uri, source: name, language: "typescript", text: `// ${name}` };
}
