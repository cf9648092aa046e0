// Turns the client's conversation into the chat history a model's template renders: the system prompt,
// then each turn, with the files and selections the user attached written into their message.
import type { ChatContextItem, ChatTurn } from "../protocol";
import type { ChatTurnText } from "../runtime/inference";

export const cutMarker = "\n… (cut to fit the context window)\n";

/** A fence longer than any run of backticks inside `text`, so the attached code cannot close it early. */
function fenceFor(text: string): string {
    const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
    return "`".repeat(Math.max(3, longest + 1));
}

function heading(item: ChatContextItem): string {
    const lines = item.text.split("\n").length;
    const range = item.startLine === undefined ? "" : ` (lines ${item.startLine + 1}–${item.startLine + lines})`;
    switch (item.kind) {
        case "selection": return `Selected code from ${item.source}${range}:`;
        case "editor": return `Open editor ${item.source}${range}:`;
        case "file": return `File ${item.source}${range}:`;
    }
}

function block(item: ChatContextItem, text: string): string {
    const fence = fenceFor(text);
    return `${heading(item)}\n${fence}${item.language}\n${text}${text.endsWith("\n") ? "" : "\n"}${fence}`;
}

export function contextLength(turn: ChatTurn): number {
    return (turn.context ?? []).reduce((sum, item) => sum + item.text.length, 0);
}

/**
 * The text of a user turn as the model reads it: attached context first, then the message.
 * `contextLimit` caps the characters of attached text: items past it are cut, then left out.
 */
export function userMessageText(turn: ChatTurn, contextLimit = Infinity): string {
    const blocks: string[] = [];
    let left = contextLimit;
    for (const item of turn.context ?? []) {
        if (left <= 0) {
            blocks.push(`(${item.source} was left out to fit the context window.)`);
            continue;
        }
        const fits = item.text.length <= left;
        blocks.push(block(item, fits ? item.text : item.text.slice(0, left) + cutMarker));
        left -= item.text.length;
    }
    return blocks.length === 0 ? turn.text : `${blocks.join("\n\n")}\n\n${turn.text}`;
}

/** The turns the model reads: the system prompt, then each turn. `lastContextLimit` and `lastMessageLimit` cut the last one. */
export function chatTurnsFor(systemPrompt: string, turns: readonly ChatTurn[], lastContextLimit = Infinity, lastMessageLimit = Infinity): ChatTurnText[] {
    const items: ChatTurnText[] = systemPrompt === "" ? [] : [{ role: "system", text: systemPrompt }];
    turns.forEach((turn, index) => {
        const last = index === turns.length - 1;
        if (turn.role === "assistant") {
            items.push({ role: "assistant", text: turn.text });
            return;
        }
        const cut = last && turn.text.length > lastMessageLimit;
        const message = cut ? `(The beginning of this message was cut to fit the context window.) …${turn.text.slice(turn.text.length - lastMessageLimit)}` : turn.text;
        items.push({ role: "user", text: userMessageText({ ...turn, text: message }, last ? lastContextLimit : Infinity) });
    });
    return items;
}
