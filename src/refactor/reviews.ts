// Every refactor proposal under review: serves their documents, shows Accept and Discard in the diff's
// title bar (through the `hearth.reviewState` context key) and above each proposal as CodeLens (which
// diff editors show only with `diffEditor.codeLens` on), and treats closing a proposal's diff as Discard.
import * as vscode from "vscode";
import type { RefactorParams } from "../../engine/protocol";
import type { RefactorEngine } from "./refactorRunner";
import { ReviewDocuments, ReviewSession, reviewScheme, type ReviewPlan } from "./reviewSession";

export class Reviews implements vscode.Disposable, vscode.CodeLensProvider {
    private readonly documents = new ReviewDocuments();
    private readonly sessions = new Map<string, ReviewSession>();
    private readonly lensChanges = new vscode.EventEmitter<void>();
    readonly onDidChangeCodeLenses = this.lensChanges.event;
    private readonly subscriptions: vscode.Disposable[];

    constructor(private readonly engine: RefactorEngine) {
        this.subscriptions = [
            vscode.workspace.registerTextDocumentContentProvider(reviewScheme, this.documents),
            vscode.languages.registerCodeLensProvider({ scheme: reviewScheme }, this),
            vscode.window.tabGroups.onDidChangeTabs((event) => this.tabsClosed(event.closed)),
            vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
            this.documents,
            this.lensChanges
        ];
    }

    /** Shows a new proposal and streams it; resolves once the model is done with it. */
    async propose(plan: ReviewPlan, params: RefactorParams): Promise<void> {
        const session = new ReviewSession(plan, this.documents, () => this.changed());
        this.sessions.set(session.id, session);
        this.changed();
        const outcome = await session.start(this.engine, params);
        if (outcome !== "ready") await this.close(session);
    }

    async accept(target?: unknown): Promise<void> {
        const session = this.find(target);
        if (!session) {
            void vscode.window.showInformationMessage("There is no Hearth proposal to accept.");
            return;
        }
        if (await session.accept()) await this.close(session);
    }

    async discard(target?: unknown): Promise<void> {
        const session = this.find(target);
        if (session) await this.close(session);
    }

    provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
        const session = [...this.sessions.values()].find((s) => s.proposalUri.toString() === document.uri.toString());
        if (!session) return [];
        const top = new vscode.Range(0, 0, 0, 0);
        const lens = (title: string, command = "", args: unknown[] = []) => new vscode.CodeLens(top, { title, command, arguments: args });
        if (session.state === "writing") {
            return [lens("$(loading~spin) Hearth is writing…"), lens("$(close) Cancel", "hearth.discardEdit", [session.id])];
        }
        return [
            lens("$(check) Accept", "hearth.acceptEdit", [session.id]),
            lens("$(discard) Discard", "hearth.discardEdit", [session.id]),
            ...session.warnings.map((warning) => lens(`$(warning) ${warning}`))
        ];
    }

    dispose(): void {
        for (const session of this.sessions.values()) session.close();
        this.sessions.clear();
        for (const subscription of this.subscriptions) subscription.dispose();
    }

    /** The session an argument names (its id), else the one in the active editor, else the newest. */
    private find(target: unknown): ReviewSession | undefined {
        if (typeof target === "string" && this.sessions.has(target)) return this.sessions.get(target);
        const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
        const sessions = [...this.sessions.values()];
        return (uri && sessions.find((session) => session.owns(uri))) ?? sessions.at(-1);
    }

    private async close(session: ReviewSession): Promise<void> {
        if (!this.sessions.delete(session.id)) return;
        session.close();
        const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => this.tabUri(tab) && session.owns(this.tabUri(tab)!));
        if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
        this.changed();
    }

    private tabUri(tab: vscode.Tab): vscode.Uri | undefined {
        if (tab.input instanceof vscode.TabInputTextDiff) return tab.input.modified;
        if (tab.input instanceof vscode.TabInputText) return tab.input.uri;
        return undefined;
    }

    private tabsClosed(closed: readonly vscode.Tab[]): void {
        for (const tab of closed) {
            const uri = this.tabUri(tab);
            const session = uri && [...this.sessions.values()].find((s) => s.owns(uri));
            if (session) void this.close(session);
        }
    }

    private changed(): void {
        this.lensChanges.fire();
        this.updateContext();
    }

    private updateContext(): void {
        const uri = vscode.window.activeTextEditor?.document.uri;
        const session = uri?.scheme === reviewScheme ? [...this.sessions.values()].find((s) => s.owns(uri)) : undefined;
        void vscode.commands.executeCommand("setContext", "hearth.reviewState", session?.state ?? "");
    }
}
