// The arguments of hearth.askInChat, which other Hearth features run to ask about code in the chat.

export interface AskInChatArgs {
    prompt: string;
    selection?: {
        uri: string;
        text: string;
        language: string;
        /** 0-based line of the selection's start. */
        startLine: number;
    };
}

/** The arguments if they have the documented shape, else a sentence saying what is wrong. */
export function parseAskInChatArgs(value: unknown): AskInChatArgs | string {
    if (typeof value !== "object" || value === null) return "hearth.askInChat needs an object { prompt, selection? }.";
    const raw = value as Record<string, unknown>;
    if (typeof raw.prompt !== "string" || raw.prompt.trim() === "") return "hearth.askInChat needs a non-empty prompt.";
    if (raw.selection === undefined) return { prompt: raw.prompt };
    const s = raw.selection as Record<string, unknown> | null;
    if (typeof s !== "object" || s === null) return "hearth.askInChat: selection must be an object.";
    if (typeof s.uri !== "string" || typeof s.text !== "string" || typeof s.language !== "string") return "hearth.askInChat: selection needs uri, text and language strings.";
    if (typeof s.startLine !== "number" || !Number.isInteger(s.startLine) || s.startLine < 0) return "hearth.askInChat: selection.startLine must be a line number.";
    return { prompt: raw.prompt, selection: { uri: s.uri, text: s.text, language: s.language, startLine: s.startLine } };
}
