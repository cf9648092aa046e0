// Reviews shown in a diff editor: the text a proposal replaces against the proposal, two read-only virtual
// documents redrawn as the model writes. Accept and Discard appear in the diff's title bar (package.json
// menus on this scheme and `hearth.reviewState`) and above the proposal as CodeLens, which diff editors
// show only with `diffEditor.codeLens` on. Closing the diff dismisses its review.
import * as vscode from "vscode";
import { reviewActions, type Review } from "./review";
import type { ReviewState } from "./reviewPlan";
import type { ReviewPresentation } from "./reviewPresentation";

export const reviewScheme = "hearth-review";

/** How often a growing proposal is redrawn: often enough to watch, rarely enough not to re-diff every token. */
const redrawMs = 120;

/** The read-only documents the diffs show, held in memory. */
class ReviewDocuments implements vscode.TextDocumentContentProvider {
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

/** A review on screen: its two documents and what is pending for them. */
interface ShownDiff {
    review: Review;
    originalUri: vscode.Uri;
    proposalUri: vscode.Uri;
    /** The state the CodeLens last showed. */
    drawnState: ReviewState;
    redraw?: NodeJS.Timeout;
    stopFollowing(): void;
}

function owns(shown: ShownDiff, uri: vscode.Uri): boolean {
    return uri.scheme === reviewScheme && (uri.path === shown.originalUri.path || uri.path === shown.proposalUri.path);
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
    if (tab.input instanceof vscode.TabInputTextDiff) return tab.input.modified;
    if (tab.input instanceof vscode.TabInputText) return tab.input.uri;
    return undefined;
}

export class DiffPresentation implements ReviewPresentation, vscode.CodeLensProvider {
    private readonly documents = new ReviewDocuments();
    private readonly shown = new Map<string, ShownDiff>();
    private readonly lensChanges = new vscode.EventEmitter<void>();
    readonly onDidChangeCodeLenses = this.lensChanges.event;
    private readonly subscriptions: vscode.Disposable[];

    /** `dismissed` is told when the user closes a review's diff. */
    constructor(private readonly dismissed: (review: Review) => void) {
        this.subscriptions = [
            vscode.workspace.registerTextDocumentContentProvider(reviewScheme, this.documents),
            vscode.languages.registerCodeLensProvider({ scheme: reviewScheme }, this),
            vscode.window.tabGroups.onDidChangeTabs((event) => this.tabsClosed(event.closed)),
            this.documents,
            this.lensChanges
        ];
    }

    async show(review: Review): Promise<void> {
        const name = review.plan.name.replace(/[/\\]/g, "_");
        const uri = (side: string) => vscode.Uri.from({ scheme: reviewScheme, path: `/${review.id}/${side}/${name}` });
        const shown: ShownDiff = { review, originalUri: uri("original"), proposalUri: uri("proposal"), drawnState: review.state, stopFollowing: () => undefined };
        shown.stopFollowing = review.onChange(() => this.changed(shown));
        this.shown.set(review.id, shown);
        this.documents.set(shown.originalUri, review.plan.original);
        this.documents.set(shown.proposalUri, review.proposed);
        await vscode.commands.executeCommand("vscode.diff", shown.originalUri, shown.proposalUri, `${review.plan.name} ↔ Hearth's proposal`, { preview: false });
    }

    reviewAt(uri: vscode.Uri): Review | undefined {
        return [...this.shown.values()].find((shown) => owns(shown, uri))?.review;
    }

    async hide(review: Review): Promise<void> {
        const shown = this.shown.get(review.id);
        if (!shown) return;
        this.shown.delete(review.id);
        this.forget(shown);
        const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => {
            const uri = tabUri(tab);
            return uri !== undefined && owns(shown, uri);
        });
        if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
        this.lensChanges.fire();
    }

    provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
        const shown = [...this.shown.values()].find((s) => s.proposalUri.toString() === document.uri.toString());
        if (!shown) return [];
        const top = new vscode.Range(0, 0, 0, 0);
        return reviewActions(shown.review).map(
            (action) => new vscode.CodeLens(top, { title: action.title, command: action.command ?? "", arguments: action.command ? [shown.review.id] : [] })
        );
    }

    dispose(): void {
        for (const shown of this.shown.values()) this.forget(shown);
        this.shown.clear();
        for (const subscription of this.subscriptions) subscription.dispose();
    }

    private forget(shown: ShownDiff): void {
        shown.stopFollowing();
        clearTimeout(shown.redraw);
        this.documents.delete(shown.originalUri);
        this.documents.delete(shown.proposalUri);
    }

    /** A finished proposal is drawn at once; a growing one at most every `redrawMs`. */
    private changed(shown: ShownDiff): void {
        const state = shown.review.state;
        if (state !== shown.drawnState) {
            shown.drawnState = state;
            this.lensChanges.fire();
        }
        if (state === "ready") {
            clearTimeout(shown.redraw);
            shown.redraw = undefined;
            this.documents.set(shown.proposalUri, shown.review.proposed);
        }
        if (state !== "writing" || shown.redraw) return;
        shown.redraw = setTimeout(() => {
            shown.redraw = undefined;
            if (shown.review.state === "writing") this.documents.set(shown.proposalUri, shown.review.proposed);
        }, redrawMs);
    }

    private tabsClosed(closed: readonly vscode.Tab[]): void {
        for (const tab of closed) {
            const uri = tabUri(tab);
            const review = uri && this.reviewAt(uri);
            if (review) this.dismissed(review);
        }
    }
}
