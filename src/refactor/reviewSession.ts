// One refactor proposal under review: the diff between two read-only virtual documents (the original and
// the proposal, which grows as the model writes), and what Accept does. Nothing touches the user's file
// until Accept, and then only through the plan's `apply`.
import { randomUUID } from "node:crypto";
import * as vscode from "vscode";
import type { RefactorParams, RefactorResult } from "../../engine/protocol";
import { runRefactor, type RefactorEngine } from "./refactorRunner";

export const reviewScheme = "hearth-refactor";

export interface ReviewPlan {
    /** The file's name, for titles and messages. */
    name: string;
    /** The progress notification's title. */
    title: string;
    /** The left side of the diff. */
    original: string;
    /** The right side of the diff for the code so far. */
    render(code: string): string;
    /** Sentences that warn about a finished proposal. */
    review(result: RefactorResult): string[];
    /** Applies the proposal built from `code`; true when the document changed. */
    apply(code: string): Promise<boolean>;
}

export type ReviewState = "writing" | "ready" | "closed";

/** The read-only documents the diff shows, held in memory. */
export class ReviewDocuments implements vscode.TextDocumentContentProvider {
    private readonly contents = new Map<string, string>();
    private readonly changes = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changes.event;

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.contents.get(uri.toString()) ?? "";
    }

    set(uri: vscode.Uri, text: string): void {
        if (this.contents.get(uri.toString()) === text) return;
        this.contents.set(uri.toString(), text);
        this.changes.fire(uri);
    }

    delete(uri: vscode.Uri): void {
        this.contents.delete(uri.toString());
    }

    dispose(): void {
        this.changes.dispose();
    }
}

/** How often the growing proposal is redrawn: often enough to watch, rarely enough not to re-diff every token. */
const redrawMs = 120;

export class ReviewSession {
    readonly id = randomUUID();
    readonly originalUri: vscode.Uri;
    readonly proposalUri: vscode.Uri;
    state: ReviewState = "writing";
    warnings: string[] = [];
    private code = "";
    private redraw: NodeJS.Timeout | undefined;
    private readonly stop = new vscode.CancellationTokenSource();

    constructor(readonly plan: ReviewPlan, private readonly documents: ReviewDocuments, private readonly changed: (session: ReviewSession) => void) {
        const name = plan.name.replace(/[/\\]/g, "_");
        this.originalUri = vscode.Uri.from({ scheme: reviewScheme, path: `/${this.id}/original/${name}` });
        this.proposalUri = vscode.Uri.from({ scheme: reviewScheme, path: `/${this.id}/proposal/${name}` });
    }

    owns(uri: vscode.Uri): boolean {
        return uri.scheme === reviewScheme && (uri.path === this.originalUri.path || uri.path === this.proposalUri.path);
    }

    /** Opens the diff and streams the proposal into it; resolves when the model is done (or failed, or was cancelled). */
    async start(engine: RefactorEngine, params: RefactorParams): Promise<"ready" | "cancelled" | "failed"> {
        this.documents.set(this.originalUri, this.plan.original);
        this.documents.set(this.proposalUri, this.plan.render(""));
        await vscode.commands.executeCommand("vscode.diff", this.originalUri, this.proposalUri, `${this.plan.name} ↔ Hearth's proposal`, { preview: false });
        const outcome = await runRefactor(engine, params, { title: this.plan.title, cancel: this.stop.token, onCode: (code) => this.grow(code) });
        clearTimeout(this.redraw);
        if (this.state === "closed") return "cancelled";
        if (outcome.kind === "cancelled") return "cancelled";
        if (outcome.kind === "failed") {
            void vscode.window.showErrorMessage(`Hearth could not write the proposal: ${outcome.message}`);
            return "failed";
        }
        this.code = outcome.result.code;
        this.documents.set(this.proposalUri, this.plan.render(this.code));
        this.warnings = this.plan.review(outcome.result);
        this.state = "ready";
        this.changed(this);
        return "ready";
    }

    /** Applies the proposal; false when nothing was applied (it is not finished, or the document changed). */
    async accept(): Promise<boolean> {
        if (this.state === "writing") {
            void vscode.window.showInformationMessage("Hearth is still writing this proposal. Wait for it to finish, or discard it.");
            return false;
        }
        return this.state === "ready" && this.plan.apply(this.code);
    }

    /** Stops the model if it is still writing and forgets the proposal; the user's file is untouched. */
    close(): void {
        if (this.state === "closed") return;
        this.state = "closed";
        this.stop.cancel();
        clearTimeout(this.redraw);
        this.documents.delete(this.originalUri);
        this.documents.delete(this.proposalUri);
    }

    private grow(code: string): void {
        this.code = code;
        if (this.redraw) return;
        this.redraw = setTimeout(() => {
            this.redraw = undefined;
            if (this.state === "writing") this.documents.set(this.proposalUri, this.plan.render(this.code));
        }, redrawMs);
    }
}
