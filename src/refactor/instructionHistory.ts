// The instructions a user gave "Edit with Instruction…" before, most recent first, offered again next time.

export const historyLimit = 30;

/** `history` with `instruction` moved (or added) to the front, without duplicates, at most `limit` long. */
export function rememberInstruction(history: readonly string[], instruction: string, limit = historyLimit): string[] {
    const text = instruction.trim();
    if (text === "") return [...history];
    return [text, ...history.filter((item) => item !== text)].slice(0, limit);
}

/** What globalState held, if it is a list of strings; anything else reads as no history. */
export function readHistory(stored: unknown): string[] {
    return Array.isArray(stored) ? stored.filter((item): item is string => typeof item === "string" && item.trim() !== "") : [];
}
