// Decides how much of a conversation the model sees when all of it does not fit its context:
// the oldest messages go first; the system prompt and the user's last message always stay, and only when
// those alone are too long is the last message's attached context cut, then the message itself.
import { EngineError } from "../server/engineError";
import { EngineErrorCode, type ChatTruncation, type ChatTurn } from "../protocol";
import { contextLength } from "./chatPrompt";

/** Renders (and tokenizes) `turns`, the last one's attached context and text cut to the given characters. */
export type Render<R extends { length: number }> = (turns: readonly ChatTurn[], lastContextLimit: number, lastMessageLimit: number) => R;

export interface Fit<R> {
    prompt: R;
    truncation?: ChatTruncation;
}

/** After dropping messages, leave this share of the budget free so the next few turns fit without dropping again (and reuse the cache). */
const refillShare = 0.75;

/** The smallest `limit` in [0, full] whose rendering fits, starting from a proportional estimate. */
function largestLimitThatFits<R extends { length: number }>(full: number, budget: number, renderWith: (limit: number) => R): { limit: number; prompt: R } | undefined {
    const none = renderWith(0);
    if (none.length > budget) return undefined;
    const all = renderWith(full);
    if (all.length <= budget) return { limit: full, prompt: all };
    let limit = Math.floor((full * (budget - none.length)) / Math.max(1, all.length - none.length));
    for (;;) {
        if (limit <= 0) return { limit: 0, prompt: none };
        const prompt = renderWith(limit);
        if (prompt.length <= budget) return { limit, prompt };
        limit = Math.min(limit - 1, Math.floor((limit * budget) / prompt.length));
    }
}

function note(dropped: number, contextCut: boolean, messageCut: boolean): string {
    const parts: string[] = [];
    if (dropped > 0) parts.push(`the ${dropped} oldest message${dropped === 1 ? " was" : "s were"} left out`);
    if (contextCut) parts.push("the attached context was cut");
    if (messageCut) parts.push("your message was cut");
    const sentence = parts.join(", ");
    return `The conversation is longer than the model's context: ${sentence}.`;
}

function truncation(droppedMessages: number, contextCut = false, messageCut = false): ChatTruncation {
    return { droppedMessages, contextCut, messageCut, note: note(droppedMessages, contextCut, messageCut) };
}

export function fitConversation<R extends { length: number }>(turns: readonly ChatTurn[], budget: number, render: Render<R>): Fit<R> {
    const full = render(turns, Infinity, Infinity);
    if (full.length <= budget) return { prompt: full };

    // Drop whole exchanges: the kept part starts with a user message. Rendering length falls as more is dropped.
    const starts = turns.map((turn, index) => (turn.role === "user" && index > 0 ? index : -1)).filter((index) => index > 0);
    const target = Math.floor(budget * refillShare);
    let low = 0;
    let high = starts.length - 1;
    let best: { start: number; prompt: R } | undefined;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const prompt = render(turns.slice(starts[middle]), Infinity, Infinity);
        if (prompt.length <= target) {
            best = { start: starts[middle], prompt };
            high = middle - 1;
        } else {
            low = middle + 1;
        }
    }
    if (best) return { prompt: best.prompt, truncation: truncation(best.start) };

    const lastIndex = turns.length - 1;
    const last = turns.slice(lastIndex);
    const alone = render(last, Infinity, Infinity);
    if (alone.length <= budget) return { prompt: alone, truncation: truncation(lastIndex) };

    const contextChars = contextLength(last[0]);
    const withCutContext = largestLimitThatFits(contextChars, budget, (limit) => render(last, limit, Infinity));
    if (withCutContext) return { prompt: withCutContext.prompt, truncation: truncation(lastIndex, withCutContext.limit < contextChars) };

    const withCutMessage = largestLimitThatFits(last[0].text.length, budget, (limit) => render(last, 0, limit));
    if (withCutMessage) return { prompt: withCutMessage.prompt, truncation: truncation(lastIndex, contextChars > 0, true) };
    throw new EngineError(EngineErrorCode.ChatTooLong, "The chat context is too small even for the system prompt. Shorten hearth.chat.systemPrompt or raise hearth.chat.contextSize.");
}
