// Renders a refactor prompt with the model's own chat template (from its GGUF metadata) into tokens.
import type { ChatHistoryItem, ChatWrapper, LlamaModel, Token } from "../llamaRuntime";
import type { RefactorPrompt } from "./prompts";

export interface RenderedPrompt {
    tokens: Token[];
    /** End-of-turn markers the template uses, for a model that writes one out as plain text. */
    stopTexts: string[];
}

export class PromptRenderer {
    constructor(private readonly model: LlamaModel, private readonly wrapper: ChatWrapper) {}

    get templateName(): string {
        return this.wrapper.wrapperName;
    }

    render(prompt: RefactorPrompt): RenderedPrompt {
        // The last model turn is left open by the template, so the answer continues from `answerPrefix`.
        const chatHistory: ChatHistoryItem[] = [
            { type: "system", text: prompt.system },
            { type: "user", text: prompt.user },
            { type: "model", response: prompt.answerPrefix === "" ? [] : [prompt.answerPrefix] }
        ];
        const { contextText, stopGenerationTriggers } = this.wrapper.generateContextState({ chatHistory });
        const stopTexts = stopGenerationTriggers
            .filter((trigger) => trigger.values.length > 0 && trigger.values.every((value) => typeof value === "string"))
            .map((trigger) => (trigger.values as string[]).join(""));
        return { tokens: contextText.tokenize(this.model.tokenizer), stopTexts };
    }

    count(prompt: RefactorPrompt): number {
        return this.render(prompt).tokens.length;
    }
}
