// The chat: the whole conversation goes with every request; the answer streams back.
import { ProgressType, RequestType, type PartialResultParams } from "vscode-languageserver-protocol";
import type { GenerationStats } from "./generation";

/** Something the user attached to a chat message: a selection, a file, an open editor. */
export interface ChatContextItem {
    kind: "selection" | "file" | "editor";
    /** Where it comes from, as the editor names it (a URI or a workspace-relative path). */
    source: string;
    /** The editor's language id, used for the code fence. */
    language: string;
    text: string;
    /** The first line of `text` in its file (0-based), when it is a part of a file. */
    startLine?: number;
}

export interface ChatTurn {
    role: "user" | "assistant";
    text: string;
    /** What the user attached to this message; only user turns carry it. */
    context?: ChatContextItem[];
}

/**
 * The most one `hearth/chat/send` may carry: the engine refuses more, and the client keeps within it. Far more than
 * any context holds (about 250,000 tokens); the engine fits the conversation to the model's context in tokens.
 */
export const chatRequestLimits = { maxChars: 1_000_000, maxMessages: 2_000, maxContextItems: 64 } as const;

/** The characters a turn counts for against `chatRequestLimits.maxChars`: its text and its context's text and sources. */
export function chatTurnChars(turn: ChatTurn): number {
    return turn.text.length + (turn.context ?? []).reduce((sum, item) => sum + item.text.length + item.source.length, 0);
}

export interface ChatSendParams extends PartialResultParams {
    /** The whole conversation, oldest first, ending with the user's new message. The engine keeps no history. */
    messages: ChatTurn[];
    /** The most tokens to generate; at most `hearth.chat.maxTokens`. */
    maxTokens?: number;
}

/** What had to be left out so the conversation fits the chat context. */
export interface ChatTruncation {
    /** Oldest messages not shown to the model. */
    droppedMessages: number;
    /** The attached context of the last message was cut. */
    contextCut: boolean;
    /** The last message itself was cut. */
    messageCut: boolean;
    /** One sentence for the user. */
    note: string;
}

export type ChatStopReason = "end" | "maxTokens" | "contextFull" | "cancelled";

export interface ChatSendResult {
    /** The whole answer, exactly the concatenation of its deltas. */
    text: string;
    stopReason: ChatStopReason;
    truncation?: ChatTruncation;
    stats: GenerationStats;
}

/** A piece of a chat answer, streamed as a partial result of `hearth/chat/send`. */
export interface ChatDelta {
    /** The next piece of the answer (may be empty when only `truncation` is news). */
    text: string;
    /** Sent once, before the first text, when the conversation had to be shortened. */
    truncation?: ChatTruncation;
}

/**
 * Sent by the client to ask the model; cancelled with `$/cancelRequest` (the answer so far is returned). The
 * engine streams the answer as `$/progress` on the params' `partialResultToken`, one ChatDelta each; the
 * response still carries the whole answer, so a client that sends no token only misses the stream.
 */
export namespace ChatSendRequest {
    export const method = "hearth/chat/send" as const;
    export const type = new RequestType<ChatSendParams, ChatSendResult, void>(method);
    export const progress = new ProgressType<ChatDelta>();
    export const progressToken = "partialResultToken" as const;
}
