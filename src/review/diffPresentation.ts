// Reviews shown in a diff editor: the text a proposal replaces against the proposal, two read-only virtual
// documents redrawn as the model writes. Accept and Discard appear in the diff's title bar (package.json
// menus on this scheme and `hearth.reviewState`) and above the proposal as CodeLens, which diff editors
// show only with `diffEditor.codeLens` on. Closing the diff dismisses its review.
import * as vscode from "vscode";
import type { Review } from "./review";
import { ReviewDocuments, reviewScheme } from "./reviewDocuments";
import { closeTabs, onTabsClosed, reviewLenses } from "./reviewEditors";
import type { ReviewPresentation } from "./reviewPresentation";
import { followReview } from "./redraw";

/** A review on screen: its two documents and what is pending for them. */
interface ShownDiff {
    review: Review;
    originalUri: vscode.Uri;
    proposalUri: vscode.Uri;
    stopFollowing(): void;
}

function owns(shown: ShownDiff, uri: vscode.Uri): boolean {
    return uri.scheme === reviewScheme && (uri.path === shown.originalUri.path || uri.path === shown.proposalUri.path);
}

export class DiffPresentation implements ReviewPresentation, vscode.CodeLensProvider {
    private readonly shown = new Map<string, ShownDiff>();
    private readonly lensChanges = new vscode.EventEmitter<void>();
    readonly onDidChangeCodeLenses = this.lensChanges.event;
    private readonly subscriptions: vscode.Disposable[];

    /** `dismissed` is told when the user closes a review's diff. */
    constructor(private readonly documents: ReviewDocuments, dismissed: (review: Review) => void) {
        this.subscriptions = [
            vscode.languages.registerCodeLensProvider({ scheme: reviewScheme }, this),
            onTabsClosed((uri) => this.reviewAt(uri), dismissed),
            this.lensChanges
        ];
    }

    async show(review: Review): Promise<void> {
        const uri = (side: string) => ReviewDocuments.uri(review.id, side, review.plan.name);
        const shown: ShownDiff = { review, originalUri: uri("original"), proposalUri: uri("proposal"), stopFollowing: () => undefined };
        shown.stopFollowing = followReview(review, {
            proposal: () => this.documents.set(shown.proposalUri, review.proposed),
            state: () => this.lensChanges.fire()
        });
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
        await closeTabs((uri) => owns(shown, uri));
        this.lensChanges.fire();
    }

    provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
        const shown = [...this.shown.values()].find((s) => s.proposalUri.toString() === document.uri.toString());
        return shown ? reviewLenses(shown.review, 0) : [];
    }

    dispose(): void {
        for (const shown of this.shown.values()) this.forget(shown);
        this.shown.clear();
        for (const subscription of this.subscriptions) subscription.dispose();
    }

    private forget(shown: ShownDiff): void {
        shown.stopFollowing();
        this.documents.delete(shown.originalUri);
        this.documents.delete(shown.proposalUri);
    }
}
