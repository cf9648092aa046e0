// Keeps a chat request within what the engine accepts at all (`chatRequestLimits` in engine/protocol.ts). The
// engine fits the conversation to the model's context, in tokens; this acts only on conversations far larger than
// any context: it drops the oldest messages, and cuts a new message too large on its own, and says what it did; a
// stored conversation keeps no more than a request could carry.
import { chatRequestLimits, chatTurnChars, type ChatTurn } from "../../engine/protocol";
import type { Attachment, ChatMessage } from "./messages";

const { maxChars, maxMessages, maxContextItems } = chatRequestLimits;
const limitWords = `a chat request carries at most ${maxChars.toLocaleString("en")} characters`;

/** The longest run of whole lines from the start of `text` within `maxChars` (at least part of the first line). */
export function cutToLines(text: string, maxChars: number): { text: string; lines: number; totalLines: number } {
    const all = text.split("\n");
    let length = 0;
    let lines = 0;
    while (lines < all.length && length + all[lines].length + (lines > 0 ? 1 : 0) <= maxChars) {
        length += all[lines].length + (lines > 0 ? 1 : 0);
        lines++;
    }
    if (lines === 0) return { text: text.slice(0, maxChars), lines: 1, totalLines: all.length };
    return { text: all.slice(0, lines).join("\n"), lines, totalLines: all.length };
}

function cut(attachment: Attachment, maxChars: number): Attachment {
    if (attachment.text.length <= maxChars) return attachment;
    if (maxChars === 0) return { ...attachment, text: "", cut: `left out: ${limitWords}` };
    const kept = cutToLines(attachment.text, maxChars);
    return { ...attachment, text: kept.text, cut: `cut to its first ${kept.lines} of ${kept.totalLines} lines: ${limitWords}` };
}

/** Shares `budget` characters fairly: small attachments stay whole, the largest are cut to what is left. */
function share(attachments: readonly Attachment[], budget: number): Attachment[] {
    const bySize = attachments.map((attachment, index) => ({ attachment, index })).sort((a, b) => a.attachment.text.length - b.attachment.text.length);
    const result = new Array<Attachment>(attachments.length);
    let left = budget;
    bySize.forEach(({ attachment, index }, position) => {
        const fitted = cut(attachment, Math.max(0, Math.floor(left / (bySize.length - position))));
        result[index] = fitted;
        left -= fitted.text.length;
    });
    return result;
}

export interface FittedMessage {
    text: string;
    attachments: Attachment[];
    /** Says what was left out or cut, when anything was. */
    note?: string;
}

/** A new message within the limits on its own: its attachments counted and cut, then, past all reason, its text. */
export function fitNewMessage(text: string, attachments: readonly Attachment[]): FittedMessage {
    const extra = attachments.length - maxContextItems;
    const kept = attachments.slice(0, maxContextItems);
    const size = (text: string, list: readonly Attachment[]) => chatTurnChars({ role: "user", text, context: [...list] });
    const sources = size("", kept.map((a) => ({ ...a, text: "" })));
    const keptText = text.slice(0, Math.max(0, maxChars - sources));
    const fitted = size(keptText, kept) <= maxChars ? kept : share(kept, maxChars - sources - keptText.length);
    const notes: string[] = [];
    if (extra > 0) notes.push(`${extra} attachment${extra === 1 ? " was" : "s were"} left out: a message carries at most ${maxContextItems}.`);
    if (fitted.some((a, i) => a !== kept[i])) notes.push(`The attached context was cut: ${limitWords}.`);
    if (keptText.length < text.length) notes.push(`Your message was cut: ${limitWords}.`);
    return { text: keptText, attachments: fitted, ...(notes.length > 0 ? { note: notes.join(" ") } : {}) };
}

/** The newest turns the engine accepts, starting with a user's message; the last turn (the new message) always stays. */
export function turnsWithinLimits(turns: readonly ChatTurn[]): { turns: ChatTurn[]; note?: string } {
    const last = turns.length - 1;
    let start = last;
    let chars = last >= 0 ? chatTurnChars(turns[last]) : 0;
    while (start > 0 && turns.length - start < maxMessages && chars + chatTurnChars(turns[start - 1]) <= maxChars) {
        start--;
        chars += chatTurnChars(turns[start]);
    }
    while (start < last && turns[start].role !== "user") start++;
    if (start <= 0) return { turns: [...turns] };
    return { turns: turns.slice(start), note: `The conversation is longer than a chat request carries: its ${start} oldest message${start === 1 ? " was" : "s were"} not sent.` };
}

/** The characters a stored message counts for: those of its turn. */
function messageChars({ role, text, attachments = [] }: ChatMessage): number {
    return chatTurnChars({ role, text, context: attachments.map(({ kind, source, language, text }) => ({ kind, source, language, text })) });
}

/**
 * The newest messages of a conversation that one chat request could carry, starting with a user's message; the
 * last two (the new question and its answer) always stay. What is older is never sent again, so it is not kept.
 */
export function historyWithinLimits(messages: readonly ChatMessage[]): { messages: ChatMessage[]; note?: string } {
    const keepAlways = Math.min(2, messages.length);
    let start = messages.length - keepAlways;
    let chars = messages.slice(start).reduce((sum, m) => sum + messageChars(m), 0);
    while (start > 0 && messages.length - start < maxMessages && chars + messageChars(messages[start - 1]) <= maxChars) {
        start--;
        chars += messageChars(messages[start]);
    }
    while (start < messages.length - keepAlways && messages[start].role !== "user") start++;
    if (start === 0) return { messages: [...messages] };
    return { messages: messages.slice(start), note: `The conversation grew past what a chat keeps (${maxMessages.toLocaleString("en")} messages or ${maxChars.toLocaleString("en")} characters): its ${start} oldest message${start === 1 ? " was" : "s were"} removed.` };
}
