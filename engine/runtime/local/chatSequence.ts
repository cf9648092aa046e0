// The one context and sequence that chat and refactor answers evaluate on, on the chat model: separate from the
// completions' so that neither evicts the other's KV cache. Made on first use, made again when the chat model
// or hearth.chat.contextSize changes, and freed after a while without use.
import { EngineError } from "../../server/engineError";
import type { Logger } from "../../server/log";
import { EngineErrorCode } from "../../protocol";
import type { LlamaContext, LlamaContextSequence, LlamaModel } from "../llama";
import { trainedSize } from "../modelLoader";

/** The model that answers chats, and how it runs. */
export interface ChatRoleModel {
    model: LlamaModel;
    name: string;
    threads: number;
}

interface Held {
    model: LlamaModel;
    requestedSize: number;
    context: LlamaContext;
    sequence: LlamaContextSequence;
}

export class ChatSequence {
    private held: Held | undefined;
    private users = 0;
    private idleTimer: NodeJS.Timeout | undefined;

    constructor(private readonly log: Logger, private readonly idleMs = 5 * 60 * 1000) {}

    /** The sequence on `chat`'s model with a context of `contextSize` tokens (capped at what it was trained for); call `release()` when done. */
    async acquire(chat: ChatRoleModel, contextSize: number, templateName: string): Promise<LlamaContextSequence> {
        this.users++;
        clearTimeout(this.idleTimer);
        try {
            const held = this.held;
            if (held && held.model === chat.model && held.requestedSize === contextSize && !held.context.disposed) return held.sequence;
            await this.free();
            this.held = await this.create(chat, contextSize, templateName);
            return this.held.sequence;
        } catch (error) {
            this.release();
            throw error;
        }
    }

    release(): void {
        this.users = Math.max(0, this.users - 1);
        if (this.users > 0 || !this.held) return;
        this.idleTimer = setTimeout(() => {
            if (this.users === 0) void this.free();
        }, this.idleMs);
        this.idleTimer.unref();
    }

    async dispose(): Promise<void> {
        clearTimeout(this.idleTimer);
        await this.free();
    }

    private async create(chat: ChatRoleModel, requestedSize: number, templateName: string): Promise<Held> {
        const size = trainedSize(chat.model, requestedSize);
        const started = performance.now();
        const context = await chat.model.createContext({ contextSize: size, threads: chat.threads, sequences: 1 }).catch((error: unknown) => {
            throw new EngineError(
                EngineErrorCode.ModelLoadFailed,
                `Hearth could not make room for the chat context (${size} tokens): ${error instanceof Error ? error.message : String(error)}. Lower hearth.chat.contextSize, or close other programs.`
            );
        });
        this.log.info(`chat context ready on ${chat.name}: ${context.contextSize} tokens, template ${templateName}, ${Math.round(performance.now() - started)} ms`);
        return { model: chat.model, requestedSize, context, sequence: context.getSequence() };
    }

    private async free(): Promise<void> {
        const held = this.held;
        this.held = undefined;
        // The model may already be unloaded, which disposed this context with it.
        if (held && !held.context.disposed) await held.context.dispose().catch(() => undefined);
    }
}
