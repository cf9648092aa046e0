// The chat role on the local model: chat and refactor turns rendered with the model's chat template and
// evaluated on the one chat sequence, at chat priority, standing aside for completions between tokens.
import { EngineError } from "../../server/engineError";
import { Priority, type ModelScheduler } from "../../generation/scheduler";
import { EngineErrorCode } from "../../protocol";
import type { ChatGenerateOptions, ChatModel, ChatTurnText, GenerationResult } from "../inference";
import type { ChatModelUse } from "./chatModels";
import type { ChatSequence } from "./chatSequence";
import type { ChatTemplate } from "./chatTemplate";
import { generateTokens } from "./generateTokens";
import { runScheduled } from "./scheduled";
import type { WithThreads } from "./threadGovernor";

export interface LocalChatModelParts {
    use: ChatModelUse;
    template: ChatTemplate;
    sequence: ChatSequence;
    scheduler: ModelScheduler;
    withThreads: WithThreads;
    /** hearth.chat.contextSize, capped at what the model was trained for. */
    contextSize: number;
    /** hearth.chat.contextSize as set: the shared sequence is made again when it changes. */
    requestedSize: number;
}

export class LocalChatModel implements ChatModel {
    readonly name: string;
    readonly contextSize: number;

    constructor(private readonly parts: LocalChatModelParts) {
        this.name = parts.use.chat.name;
        this.contextSize = parts.contextSize;
    }

    countTokens(text: string): number {
        return this.liveModel().tokenize(text, false).length;
    }

    countPromptTokens(turns: readonly ChatTurnText[], answerPrefix?: string): number {
        return this.render(turns, answerPrefix).tokens.length;
    }

    async generate(turns: readonly ChatTurnText[], options: ChatGenerateOptions): Promise<GenerationResult> {
        const { use, template, sequence, scheduler, withThreads, requestedSize } = this.parts;
        const model = this.liveModel();
        const release = use.hold();
        try {
            return await runScheduled(scheduler, Priority[options.priority], options.signal, async (slot, queueMs) => {
                const rendered = this.render(turns, options.answerPrefix);
                const chatSequence = await sequence.acquire(use.chat, requestedSize, template.name);
                try {
                    const stopTexts = [...(options.stopTexts ?? []), ...rendered.stopTexts];
                    return await withThreads(() => generateTokens(model, chatSequence, rendered.tokens, { ...options, stopTexts, queueMs, between: () => slot.yieldToHigher() }));
                } finally {
                    sequence.release();
                }
            });
        } finally {
            release();
        }
    }

    private render(turns: readonly ChatTurnText[], answerPrefix: string | undefined) {
        this.liveModel();
        return this.parts.template.render(turns, answerPrefix);
    }

    /** The chat model, unless a newer setting replaced and unloaded it after this request got it. */
    private liveModel() {
        const { model } = this.parts.use.chat;
        if (model.disposed) throw new EngineError(EngineErrorCode.ModelLoadFailed, "The chat model was replaced while this request waited. Send it again.");
        return model;
    }
}
