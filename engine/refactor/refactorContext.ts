// The context refactors evaluate on: separate from the completions' so neither evicts the other's KV cache,
// created on the first refactor for the loaded model, and freed after a while without refactors.
import { EngineError } from "../engineError";
import type { LlamaContext, LlamaContextSequence } from "../llamaRuntime";
import { loadLlamaModule } from "../llamaRuntime";
import type { Logger } from "../log";
import type { LoadedModel } from "../modelHost";
import { EngineErrorCode } from "../protocol";
import { PromptRenderer } from "./promptRenderer";

export interface RefactorSlot {
    sequence: LlamaContextSequence;
    renderer: PromptRenderer;
    contextSize: number;
}

interface Held extends RefactorSlot {
    loaded: LoadedModel;
    context: LlamaContext;
}

export class RefactorContext {
    private held: Held | undefined;
    private users = 0;
    private idleTimer: NodeJS.Timeout | undefined;

    constructor(private readonly log: Logger, private readonly idleMs = 5 * 60 * 1000) {}

    /** The slot for `loaded`, created when needed; call `release()` when done with it. */
    async acquire(loaded: LoadedModel): Promise<RefactorSlot> {
        this.users++;
        clearTimeout(this.idleTimer);
        try {
            if (this.held?.loaded !== loaded) {
                await this.free();
                this.held = await this.create(loaded);
            }
            return this.held;
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

    private async create(loaded: LoadedModel): Promise<Held> {
        const { resolveChatWrapper } = await loadLlamaModule();
        const contextSize = Math.min(loaded.settings.contextSize, loaded.model.trainContextSize || loaded.settings.contextSize);
        const started = performance.now();
        const context = await loaded.model.createContext({ contextSize, threads: loaded.threads, sequences: 1 }).catch((error: unknown) => {
            throw new EngineError(
                EngineErrorCode.ModelLoadFailed,
                `Hearth could not make room to refactor (a ${contextSize}-token context): ${error instanceof Error ? error.message : String(error)}. Lower hearth.model.contextSize, or close other programs.`
            );
        });
        const renderer = new PromptRenderer(loaded.model, resolveChatWrapper(loaded.model));
        this.log.info(`refactor context ready: ${contextSize} tokens, ${renderer.templateName} chat template, ${Math.round(performance.now() - started)} ms`);
        return { loaded, context, sequence: context.getSequence(), renderer, contextSize };
    }

    private async free(): Promise<void> {
        const held = this.held;
        this.held = undefined;
        // The model may already be unloaded, which disposed this context with it.
        if (held) await held.context.dispose().catch(() => undefined);
    }
}
