// How much attached context a message may carry: a share of the chat context, estimated in characters
// (the extension has no tokenizer). What is cut keeps whole lines from the start and says so on its chip.
import type { Attachment } from "./messages";

/** A cautious estimate for code: real tokenizers average 3–4 characters per token. */
const charsPerToken = 3;
/** The share of the chat context that attachments may fill; the rest is for the conversation and the answer. */
const attachmentShare = 0.5;

export function attachmentBudgetChars(chatContextTokens: number): number {
    return Math.floor(chatContextTokens * attachmentShare * charsPerToken);
}

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
    const kept = cutToLines(attachment.text, maxChars);
    return { ...attachment, text: kept.text, cut: `cut to its first ${kept.lines} of ${kept.totalLines} lines to fit the context budget` };
}

/** Shares `budget` characters fairly: small attachments stay whole, the largest are cut to what is left. */
export function fitAttachments(attachments: readonly Attachment[], budget: number): Attachment[] {
    const total = attachments.reduce((sum, a) => sum + a.text.length, 0);
    if (total <= budget) return [...attachments];
    const bySize = attachments.map((attachment, index) => ({ attachment, index })).sort((a, b) => a.attachment.text.length - b.attachment.text.length);
    const result: Attachment[] = new Array(attachments.length);
    let left = budget;
    bySize.forEach(({ attachment, index }, position) => {
        const share = Math.floor(left / (bySize.length - position));
        const fitted = cut(attachment, Math.max(0, share));
        result[index] = fitted;
        left -= fitted.text.length;
    });
    return result;
}
