// The chat's own context and sequence on the chat model, created on the first chat and kept, so the
// KV cache holds the current conversation and a follow-up evaluates only what is new.
import { loadLlamaModule, type ChatWrapper, type LlamaContext, type LlamaContextSequence, type LlamaModel, type Token } from "../llamaRuntime";
import type { Logger } from "../log";
import type { ChatModel } from "./chatModels";

export interface ChatState {
    model: LlamaModel;
    requestedSize: number;
    context: LlamaContext;
    sequence: LlamaContextSequence;
    /** Renders a chat history with the model's own template (from its GGUF metadata). */
    wrapper: ChatWrapper;
}

export class ChatSession {
    private state: ChatState | undefined;

    constructor(private readonly log: Logger) {}

    /** The context for `chat` at `contextSize` tokens (capped at what the model was trained for), made anew only when either changes. */
    async prepare(chat: ChatModel, contextSize: number): Promise<ChatState> {
        const current = this.state;
        if (current && current.model === chat.model && current.requestedSize === contextSize && !current.context.disposed && !chat.model.disposed) return current;
        await this.dispose();
        const size = Math.min(contextSize, chat.model.trainContextSize || contextSize);
        const context = await chat.model.createContext({ contextSize: size, threads: chat.threads, sequences: 1 });
        const { resolveChatWrapper } = await loadLlamaModule();
        const wrapper = resolveChatWrapper(chat.model);
        this.log.info(`chat context ready on ${chat.name}: ${context.contextSize} tokens, template ${wrapper.wrapperName}`);
        this.state = { model: chat.model, requestedSize: contextSize, context, sequence: context.getSequence(), wrapper };
        return this.state;
    }

    async dispose(): Promise<void> {
        const state = this.state;
        this.state = undefined;
        if (state && !state.context.disposed) await state.context.dispose().catch(() => undefined);
    }
}

/** How many leading tokens two sequences share: the part of a prompt the KV cache already holds. */
export function sharedPrefixLength(a: readonly Token[], b: readonly Token[]): number {
    const length = Math.min(a.length, b.length);
    let i = 0;
    while (i < length && a[i] === b[i]) i++;
    return i;
}
