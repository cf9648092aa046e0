// A stored conversation as the engine reads it, and the title a new chat gets from its first message.
import type { ChatTurn } from "../../engine/protocol";
import type { Attachment, ChatMessage } from "./messages";
import { parseSlash, promptFor } from "./slashCommands";

const titleLength = 60;

/**
 * The conversation as the engine reads it. Answers with no text (failed before any arrived) are left out; a slash
 * command is sent as its prompt; context attached to several messages (a selection that stayed attached) is sent
 * once, with the latest message that carries it, so the model reads its newest text once.
 */
export function turnsFor(messages: readonly ChatMessage[]): ChatTurn[] {
    const lastCarrier = new Map<string, number>();
    messages.forEach((m, index) => {
        if (m.role === "user") for (const a of m.attachments ?? []) lastCarrier.set(a.id, index);
    });
    const turns: ChatTurn[] = [];
    messages.forEach((m, index) => {
        if (m.role === "assistant") {
            if (m.text !== "") turns.push({ role: "assistant", text: m.text });
            return;
        }
        const context = (m.attachments ?? [])
            .filter((a) => lastCarrier.get(a.id) === index)
            .map(({ kind, source, language, text, startLine }) => ({ kind, source, language, text, startLine }));
        const text = promptFor(m.text);
        turns.push(context.length > 0 ? { role: "user", text, context } : { role: "user", text });
    });
    return turns;
}

function shorten(text: string): string {
    const line = text.replace(/\s+/g, " ").trim();
    return line.length <= titleLength ? line : `${line.slice(0, titleLength - 1).trimEnd()}…`;
}

/** A chat's title from its first message: a slash command's verb with what it was about, else the message's start. */
export function titleFor(text: string, attachments: readonly Attachment[]): string {
    const use = parseSlash(text);
    if (!use) return shorten(text);
    const about = attachments[0]?.label ?? use.rest;
    return shorten(about === "" ? use.command.title : `${use.command.title} ${about}`);
}
