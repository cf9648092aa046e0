// The messages between the chat webview and the extension, and the chat data both sides show.
// The extension (src/chat) and the webview script (media/src/chat) both import this file; it has no runtime imports.

export type AttachmentKind = "selection" | "file" | "editor";

/** Context the user attached to a message: shown as a chip, sent to the model with the message. */
export interface Attachment {
    id: string;
    kind: AttachmentKind;
    /** Short text for the chip, e.g. "math.ts:10-20". */
    label: string;
    /** The document's URI, for Apply and for opening it. */
    uri: string;
    /** The path the model reads (workspace-relative where possible). */
    source: string;
    language: string;
    text: string;
    /** The first line of `text` in its document (0-based). */
    startLine?: number;
    /** Set when `text` was cut to fit a chat request (see requestLimits.ts): says what was kept. */
    cut?: string;
}

/**
 * streaming: the answer is arriving. stopped: the user stopped it. error: the engine failed or stopped; the text
 * is what arrived, if anything did. interrupted: the window closed while it streamed.
 */
export type MessageStatus = "done" | "streaming" | "stopped" | "error" | "interrupted";

export interface ChatMessage {
    id: string;
    role: "user" | "assistant";
    text: string;
    status: MessageStatus;
    attachments?: Attachment[];
    /** Things the user should know about this answer (the conversation was shortened, the context was cut). */
    notes?: string[];
    error?: string;
    createdAt: number;
}

export interface Conversation {
    id: string;
    title: string;
    createdAt: number;
    updatedAt: number;
    messages: ChatMessage[];
}

export interface ConversationSummary {
    id: string;
    title: string;
    updatedAt: number;
}

/** Sent by the extension to the webview. */
export type ToWebview =
    | { type: "state"; conversation: Conversation; attachments: Attachment[]; busy: boolean; draft: string }
    | { type: "delta"; conversationId: string; messageId: string; text: string }
    | { type: "attachments"; attachments: Attachment[] }
    | { type: "focusInput" }
    /** A line for the status bar under the message box; `input` puts a message that was not sent back in the box. */
    | { type: "notice"; text: string; input?: string }
    /** The file picker an `@` opened has closed; `attached` says whether a file was picked. */
    | { type: "mentionResolved"; attached: boolean };

/** "mention": the file picker that typing `@` opens. */
export type ContextRequest = "mention" | "workspaceFile" | "currentFile" | "openEditors";

/** Sent by the webview to the extension. */
export type FromWebview =
    | { type: "ready" }
    | { type: "send"; text: string }
    | { type: "stop" }
    | { type: "newChat" }
    /** Asks the last question again in place of its answer `messageId`. */
    | { type: "retry"; messageId: string }
    /** Sends `text` in place of the last question `messageId`. */
    | { type: "resend"; messageId: string; text: string }
    | { type: "draft"; text: string }
    | { type: "removeAttachment"; id: string }
    | { type: "addContext"; what: ContextRequest }
    | { type: "copyCode"; code: string }
    | { type: "insertCode"; code: string }
    | { type: "applyCode"; code: string; messageId: string };

const contextRequests: ReadonlySet<string> = new Set(["mention", "workspaceFile", "currentFile", "openEditors"]);

/** The webview is not trusted more than it must be: the extension acts only on messages of the right shape. */
export function parseFromWebview(value: unknown): FromWebview | undefined {
    if (typeof value !== "object" || value === null) return undefined;
    const m = value as Record<string, unknown>;
    const str = (key: string) => typeof m[key] === "string";
    switch (m.type) {
        case "ready":
        case "stop":
        case "newChat":
            return { type: m.type };
        case "send":
        case "draft":
            return str("text") ? { type: m.type, text: m.text as string } : undefined;
        case "removeAttachment":
            return str("id") ? { type: m.type, id: m.id as string } : undefined;
        case "retry":
            return str("messageId") ? { type: "retry", messageId: m.messageId as string } : undefined;
        case "resend":
            return str("messageId") && str("text") ? { type: "resend", messageId: m.messageId as string, text: m.text as string } : undefined;
        case "addContext":
            return str("what") && contextRequests.has(m.what as string) ? { type: "addContext", what: m.what as ContextRequest } : undefined;
        case "copyCode":
        case "insertCode":
            return str("code") ? { type: m.type, code: m.code as string } : undefined;
        case "applyCode":
            return str("code") && str("messageId") ? { type: "applyCode", code: m.code as string, messageId: m.messageId as string } : undefined;
        default:
            return undefined;
    }
}
