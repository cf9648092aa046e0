// The chat webview's script: shows what the extension sends, and sends back what the user does.
import type { FromWebview, ToWebview } from "../../../src/chat/messages";
import { Composer } from "./composer";
import { createMarkdownRenderer } from "./markdown";
import { Transcript, type MessageAction } from "./transcript";

interface VsCodeApi {
    postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: FromWebview) => vscode.postMessage(message);

/** How long a code block's Copy button says "Copied". */
const copiedMs = 1500;

function element<T extends HTMLElement>(id: string): T {
    const found = document.getElementById(id);
    if (!found) throw new Error(`the chat page has no #${id}`);
    return found as T;
}

const transcriptElement = element<HTMLElement>("transcript");
const transcript = new Transcript(transcriptElement, createMarkdownRenderer(window));
const composer = new Composer(
    { input: element("input"), send: element("send"), stop: element("stop"), attachments: element("attachments"), status: element("status"), menu: element("slash-menu"), editing: element("editing") },
    post
);

function handle(message: ToWebview): void {
    switch (message.type) {
        case "state":
            transcript.show(message.conversation, message.busy);
            composer.setQuestions(message.conversation.messages.filter((m) => m.role === "user"));
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
        case "notice":
            composer.showStatus(message.text);
            if (message.input !== undefined) composer.restoreInput(message.input);
            return;
        case "mentionResolved":
            composer.mentionResolved(message.attached);
            return;
    }
}

window.addEventListener("message", (event: MessageEvent) => handle(event.data as ToWebview));

document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") post({ type: "stop" });
});

element("add-workspace-file").addEventListener("click", () => post({ type: "addContext", what: "workspaceFile" }));
element("add-current-file").addEventListener("click", () => post({ type: "addContext", what: "currentFile" }));
element("add-open-editors").addEventListener("click", () => post({ type: "addContext", what: "openEditors" }));

function messageAction(button: Element, messageId: string): void {
    const action = button.getAttribute("data-message-action") as MessageAction;
    if (action === "retry") post({ type: "retry", messageId });
    else if (action === "edit") composer.startEdit(messageId, transcript.textOf(messageId) ?? "");
}

function codeAction(button: Element, messageId: string): void {
    const code = button.closest(".code-block")?.querySelector("code")?.textContent;
    if (code == null) return;
    const action = button.getAttribute("data-action");
    if (action === "insert") post({ type: "insertCode", code });
    else if (action === "apply") post({ type: "applyCode", code, messageId });
    else if (action === "copy") {
        post({ type: "copyCode", code });
        button.textContent = "Copied";
        button.classList.add("done");
        composer.showStatus("Code copied to the clipboard.");
        setTimeout(() => {
            button.textContent = "Copy";
            button.classList.remove("done");
        }, copiedMs);
    }
}

// Buttons on messages and their code blocks are rendered inside the transcript; one listener serves them all.
transcriptElement.addEventListener("click", (event) => {
    const button = (event.target as Element).closest("button[data-action], button[data-message-action]");
    const messageId = button?.closest("article")?.getAttribute("data-message-id");
    if (!button || !messageId) return;
    if (button.hasAttribute("data-message-action")) messageAction(button, messageId);
    else codeAction(button, messageId);
});

post({ type: "ready" });
