// The chat webview's script: shows what the extension sends, and sends back what the user does.
import type { ConversationSummary, FromWebview, ToWebview } from "../../../src/chat/messages";
import { Composer } from "./composer";
import { createMarkdownRenderer } from "./markdown";
import { Transcript } from "./transcript";

interface VsCodeApi {
    postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: FromWebview) => vscode.postMessage(message);

function element<T extends HTMLElement>(id: string): T {
    const found = document.getElementById(id);
    if (!found) throw new Error(`the chat page has no #${id}`);
    return found as T;
}

const transcriptElement = element<HTMLElement>("transcript");
const transcript = new Transcript(transcriptElement, createMarkdownRenderer(window));
const composer = new Composer(
    { input: element("input"), send: element("send"), stop: element("stop"), attachments: element("attachments"), status: element("status") },
    post
);
const chatList = element<HTMLSelectElement>("chat-list");
let currentId = "";

function showChats(chats: readonly ConversationSummary[], current: { id: string; title: string }): void {
    const entries = chats.some((c) => c.id === current.id) ? chats : [{ id: current.id, title: current.title, updatedAt: Date.now() }, ...chats];
    chatList.replaceChildren(
        ...entries.map((chat) => {
            const option = document.createElement("option");
            option.value = chat.id;
            option.textContent = chat.title || "New chat";
            option.selected = chat.id === current.id;
            return option;
        })
    );
}

function handle(message: ToWebview): void {
    switch (message.type) {
        case "state":
            currentId = message.conversation.id;
            transcript.show(message.conversation);
            showChats(message.chats, message.conversation);
            composer.showAttachments(message.attachments);
            composer.setBusy(message.busy);
            composer.restoreDraft(message.draft);
            return;
        case "delta":
            transcript.append(message.conversationId, message.messageId, message.text);
            return;
        case "attachments":
            composer.showAttachments(message.attachments);
            return;
        case "focusInput":
            composer.focus();
            return;
    }
}

window.addEventListener("message", (event: MessageEvent) => handle(event.data as ToWebview));

document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") post({ type: "stop" });
});

chatList.addEventListener("change", () => post({ type: "switchChat", id: chatList.value }));
element("new-chat").addEventListener("click", () => post({ type: "newChat" }));
element("delete-chat").addEventListener("click", () => post({ type: "deleteChat", id: currentId }));
element("add-workspace-file").addEventListener("click", () => post({ type: "addContext", what: "workspaceFile" }));
element("add-current-file").addEventListener("click", () => post({ type: "addContext", what: "currentFile" }));
element("add-open-editors").addEventListener("click", () => post({ type: "addContext", what: "openEditors" }));

// Code block buttons are rendered inside answers; one listener serves them all.
transcriptElement.addEventListener("click", (event) => {
    const button = (event.target as Element).closest("button[data-action]");
    const block = button?.closest(".code-block");
    const messageId = button?.closest("article")?.getAttribute("data-message-id");
    const code = block?.querySelector("code")?.textContent;
    if (!button || code == null || !messageId) return;
    const action = button.getAttribute("data-action");
    if (action === "copy") post({ type: "copyCode", code });
    else if (action === "insert") post({ type: "insertCode", code });
    else if (action === "apply") post({ type: "applyCode", code, messageId });
});

post({ type: "ready" });
