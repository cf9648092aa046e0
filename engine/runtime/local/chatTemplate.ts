// Renders chat turns with the model's own chat template (from its GGUF metadata) into the tokens to evaluate
// and the stop texts to watch for. The last assistant turn is left open, so the model writes the answer,
// continuing from an answer prefix when one is given. Chat and refactor both render through it.
import type { ChatTurnText } from "../inference";
import { loadLlamaModule, type ChatHistoryItem, type ChatWrapper, type LlamaModel, type LlamaText, type Token } from "../llama";

export interface RenderedChat {
    tokens: Token[];
    /** End-of-turn markers of the template that are plain text, for a model that writes one out as text. */
    stopTexts: string[];
}

/**
 * The stop triggers that are plain text. Those made of special tokens need no watching: generation ends at
 * any special token already.
 */
export function textStopTriggers(triggers: readonly Pick<LlamaText, "values">[]): string[] {
    return triggers
        .filter((trigger) => trigger.values.length > 0 && trigger.values.every((value) => typeof value === "string"))
        .map((trigger) => (trigger.values as readonly string[]).join(""));
}

export class ChatTemplate {
    private constructor(private readonly model: LlamaModel, private readonly wrapper: ChatWrapper) {}

    static async of(model: LlamaModel): Promise<ChatTemplate> {
        const { resolveChatWrapper } = await loadLlamaModule();
        return new ChatTemplate(model, resolveChatWrapper(model));
    }

    get name(): string {
        return this.wrapper.wrapperName;
    }

    render(turns: readonly ChatTurnText[], answerPrefix = ""): RenderedChat {
        const chatHistory: ChatHistoryItem[] = turns.map((turn) =>
            turn.role === "assistant" ? { type: "model", response: [turn.text] } : { type: turn.role, text: turn.text }
        );
        chatHistory.push({ type: "model", response: answerPrefix === "" ? [] : [answerPrefix] });
        const { contextText, stopGenerationTriggers } = this.wrapper.generateContextState({ chatHistory });
        return { tokens: contextText.tokenize(this.model.tokenizer), stopTexts: textStopTriggers(stopGenerationTriggers) };
    }
}
