// The chat: the whole conversation goes with every request; the answer streams back.
import { NotificationType, RequestType } from "vscode-languageserver-protocol";
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

export interface ChatSendParams {
    /** Chosen by the client; every `hearth/chat/delta` of this answer carries it. */
    streamId: string;
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

export interface ChatDelta {
    streamId: string;
    /** The next piece of the answer (may be empty when only `truncation` is news). */
    text: string;
    /** Sent once, before the first text, when the conversation had to be shortened. */
    truncation?: ChatTruncation;
}

/** Sent by the client to ask the model; streamed through `hearth/chat/delta`, cancelled with `$/cancelRequest` (the answer so far is returned). */
export namespace ChatSendRequest {
    export const method = "hearth/chat/send" as const;
    export const type = new RequestType<ChatSendParams, ChatSendResult, void>(method);
}

/** Sent by the engine for each new piece of a chat answer. */
export namespace ChatDeltaNotification {
    export const method = "hearth/chat/delta" as const;
    export const type = new NotificationType<ChatDelta>(method);
}
