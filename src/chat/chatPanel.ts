// The chat side panel: a webview view in Hearth's activity-bar container. It owns the chat's controller,
// its storage and its editor hooks, and turns the webview's typed messages into actions.
import { join } from "node:path";
import * as vscode from "vscode";
import { ChatSendRequest } from "../../engine/protocol";
import { whyNotReady, type EngineStateView } from "../engineState";
import type { RefactorPort } from "../refactor/refactorPort";
import type { Reviews } from "../review/reviews";
import type { StreamingEngine } from "../streamingRequest";
import type { ChatEngine } from "./answerStream";
import { ChatController } from "./chatController";
import { showChatHistory } from "./chatHistory";
import { chatPageHtml } from "./chatHtml";
import type { ChatPort, SelectionContext } from "./chatPort";
import { ChatRefactors } from "./chatRefactors";
import { ChatStore } from "./chatStore";
import { CodeActions } from "./codeActions";
import { EditorContext, selectionAttachment } from "./editorContext";
import { JsonFolder } from "./jsonFolder";
import { parseFromWebview, type Attachment, type ContextRequest, type FromWebview, type ToWebview } from "./messages";

function engineFor(client: StreamingEngine): ChatEngine {
    return {
        async send(params, signal, onDelta) {
            const source = new vscode.CancellationTokenSource();
            const cancel = () => source.cancel();
            signal.addEventListener("abort", cancel, { once: true });
            if (signal.aborted) source.cancel();
            try {
                return await client.stream(ChatSendRequest, params, onDelta, source.token);
            } finally {
                signal.removeEventListener("abort", cancel);
                source.dispose();
            }
        }
    };
}

/** What the chat tells the rest of Hearth, and reaches it through. */
export interface ChatPanelPorts {
    /** Runs the chat's /fix, /doc and /tests. */
    refactors: RefactorPort;
    /** A chat answer arrived whole (the walkthrough's "Ask about your code" step). */
    answered(): void;
}

export class ChatPanel implements vscode.WebviewViewProvider, ChatPort, vscode.Disposable {
    static readonly viewId = "hearth.chatView";
    private view: vscode.WebviewView | undefined;
    /** Ready once the history is read from the disk (and, the first time, moved there from the Memento). */
    private readonly controller: Promise<ChatController>;
    private readonly editors: EditorContext;
    private readonly code: CodeActions;
    private readonly media: vscode.Uri;
    private readonly disposables: vscode.Disposable[] = [];
    /** The panel was opened to be typed in: a webview that is still loading focuses its message box once ready. */
    private focusWhenReady = false;

    constructor(context: vscode.ExtensionContext, engine: StreamingEngine, engineState: EngineStateView, reviews: Reviews, ports: ChatPanelPorts, private readonly log: vscode.LogOutputChannel) {
        this.media = vscode.Uri.joinPath(context.extensionUri, "media");
        // The workspace's own storage folder; a window without a folder has none, and keeps its chats in the global one.
        const folder = new JsonFolder(join((context.storageUri ?? context.globalStorageUri).fsPath, "chats"));
        const onError = (error: unknown) => log.error(`chat history: ${error instanceof Error ? error.message : String(error)}`);
        this.editors = new EditorContext((selection) => void this.controller.then((controller) => controller.setSelection(selection)));
        const refactors = new ChatRefactors(ports.refactors, this.editors, engineState, (text) => this.post({ type: "notice", text }));
        this.controller = ChatStore.open(folder, context.workspaceState, { onError }).then((store) =>
            ChatController.restore(engineFor(engine), store, (message) => this.post(message), {
                engineUnavailable: () => (engineState.value.kind === "stopped" ? whyNotReady(engineState.value) : undefined),
                codeAtCursor: () => this.editors.codeAtCursor(),
                runRefactor: (refactor, selection) => refactors.run(refactor, selection),
                answered: () => ports.answered()
            })
        );
        this.code = new CodeActions(this.editors, reviews);
        this.disposables.push(this.editors, vscode.window.registerWebviewViewProvider(ChatPanel.viewId, this));
    }

    resolveWebviewView(view: vscode.WebviewView): void {
        this.view = view;
        view.webview.options = { enableScripts: true, localResourceRoots: [this.media] };
        view.webview.html = chatPageHtml({
            cspSource: view.webview.cspSource,
            scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(this.media, "build", "chat.js")).toString(),
            styleUris: ["chat.css", "composer.css"].map((file) => view.webview.asWebviewUri(vscode.Uri.joinPath(this.media, file)).toString())
        });
        const subscriptions = [
            view.webview.onDidReceiveMessage((raw) => {
                const message = parseFromWebview(raw);
                if (message) void this.receive(message).catch((error) => this.log.error(`chat: ${error instanceof Error ? error.stack : String(error)}`));
                else this.log.warn(`chat: ignored a malformed message from the webview`);
            })
        ];
        view.onDidDispose(() => {
            for (const subscription of subscriptions) subscription.dispose();
            if (this.view === view) this.view = undefined;
        });
        const selection = this.editors.selection();
        void this.controller.then((controller) => controller.setSelection(selection));
    }

    /** Shows the panel with the message box focused. */
    async open(): Promise<void> {
        await vscode.commands.executeCommand(`${ChatPanel.viewId}.focus`);
        this.focusWhenReady = true;
        this.post({ type: "focusInput" });
    }

    async newChat(): Promise<void> {
        await this.open();
        (await this.controller).newChat();
    }

    async showHistory(): Promise<void> {
        const controller = await this.controller;
        const chosen = await showChatHistory({
            chats: () => controller.chats(),
            get currentId() {
                return controller.current.id;
            },
            switchTo: (id) => controller.switchTo(id),
            delete: (id) => controller.delete(id)
        });
        if (chosen) await this.open();
    }

    /** ChatPort: opens the panel, attaches the caller's code, and sends the prompt. */
    async ask(prompt: string, selection?: SelectionContext): Promise<void> {
        await this.open();
        let attachment: Attachment | undefined;
        if (selection) {
            const { uri, text, languageId, startLine } = selection;
            attachment = selectionAttachment(uri, text, languageId, startLine, startLine + text.split("\n").length - 1);
        }
        await (await this.controller).ask(prompt, attachment);
    }

    async dispose(): Promise<void> {
        for (const disposable of this.disposables) disposable.dispose();
        await (await this.controller).dispose();
    }

    private async receive(message: FromWebview): Promise<void> {
        const controller = await this.controller;
        switch (message.type) {
            case "ready": return this.ready(controller);
            case "send": return controller.send(message.text);
            case "retry": return controller.retry(message.messageId);
            case "resend": return controller.resend(message.messageId, message.text);
            case "stop": return controller.stop();
            case "newChat": return controller.newChat();
            case "draft": return controller.setDraft(message.text);
            case "removeAttachment": return controller.removeAttachment(message.id);
            case "addContext": return this.addContext(controller, message.what);
            case "copyCode": return this.code.copy(message.code);
            case "insertCode": return this.code.insert(message.code);
            case "applyCode": return this.code.apply(message.code, controller.questionFor(message.messageId));
        }
    }

    private ready(controller: ChatController): void {
        controller.ready();
        if (this.focusWhenReady) this.post({ type: "focusInput" });
        this.focusWhenReady = false;
    }

    private async addContext(controller: ChatController, what: ContextRequest): Promise<void> {
        const picking = what === "mention" || what === "workspaceFile";
        const found = picking ? [await this.editors.pickWorkspaceFile()] : what === "currentFile" ? [this.editors.currentFile()] : await this.editors.openEditors();
        const attachments = found.filter((a): a is Attachment => a !== undefined);
        const repeated = attachments.filter((attachment) => !controller.attach(attachment));
        if (what === "mention") this.post({ type: "mentionResolved", attached: attachments.length > 0 });
        if (attachments.length === 0 && !picking) this.post({ type: "notice", text: "There is no open file to attach." });
        else if (repeated.length > 0) this.post({ type: "notice", text: `Already attached: ${repeated.map((a) => a.label).join(", ")}.` });
        this.post({ type: "focusInput" });
    }

    private post(message: ToWebview): void {
        if (message.type === "state" && this.view) this.view.description = message.conversation.title || undefined;
        void this.view?.webview.postMessage(message).then(undefined, () => undefined);
    }
}
