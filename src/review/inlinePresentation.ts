// Reviews shown inline: the file itself, in a read-only view opened where the file's editor is and scrolled
// as it was, with the proposal drawn into it at the real lines as the model writes (the lines it takes away
// struck through, the lines it puts in their place highlighted, the file's own line numbers) and its
// actions above the change as CodeLens: what was asked, Accept, Discard, Refine, warnings. The file's own
// document is never touched before Accept; its editor offers the way back to the review above the target.
// Closing the view dismisses its review.
import * as vscode from "vscode";
import { splitLines } from "../refactor/applyEdit";
import { describeLines, type Range } from "../refactor/rewriteTarget";
import { InlineDecorations } from "./inlineDecorations";
import { fitsInline, inlineView, type InlineView } from "./inlineDiff";
import { followReview } from "./redraw";
import type { Review } from "./review";
import { ReviewDocuments, reviewScheme } from "./reviewDocuments";
import { closeTabs, onTabsClosed, reviewLenses } from "./reviewEditors";
import type { ReviewPresentation } from "./reviewPresentation";

/** A review on screen: its view document, the file it shows and what the view holds now. */
interface ShownInline {
    review: Review;
    uri: vscode.Uri;
    source: vscode.Uri;
    viewColumn?: vscode.ViewColumn;
    /** The file's lines when the review was shown, and the range the proposal replaces in them. */
    fileLines: string[];
    range: Range;
    view: InlineView;
    stopFollowing(): void;
}

function viewText(view: InlineView): string {
    return view.lines.map((line) => line.text).join("\n");
}

export class InlinePresentation implements ReviewPresentation, vscode.CodeLensProvider {
    private readonly shown = new Map<string, ShownInline>();
    private readonly decorations = new InlineDecorations();
    private readonly lensChanges = new vscode.EventEmitter<void>();
    readonly onDidChangeCodeLenses = this.lensChanges.event;
    private readonly subscriptions: vscode.Disposable[];

    /** `dismissed` is told when the user closes a review's view. */
    constructor(private readonly documents: ReviewDocuments, dismissed: (review: Review) => void) {
        this.subscriptions = [
            vscode.languages.registerCodeLensProvider([{ scheme: reviewScheme }, { scheme: "file" }, { scheme: "untitled" }], this),
            onTabsClosed((uri) => this.reviewAt(uri), dismissed),
            // Decorations belong to an editor: a view shown again, or redrawn, is marked again.
            vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.prepare(editor))),
            vscode.workspace.onDidChangeTextDocument((event) => this.redecorate(this.shownAt(event.document.uri))),
            this.lensChanges,
            this.decorations
        ];
    }

    /** Whether `review` is shown inline: a rewrite of part of a document, short enough to read in place. */
    canShow(review: Review): boolean {
        const place = review.plan.place;
        return place !== undefined && fitsInline(place.range);
    }

    async show(review: Review): Promise<void> {
        const place = review.plan.place;
        if (!place) throw new Error("an inline review needs the place it rewrites");
        const source = vscode.Uri.parse(place.uri);
        const file = await vscode.workspace.openTextDocument(source);
        const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === place.uri);
        const fileLines = splitLines(file.getText());
        const shown: ShownInline = {
            review,
            uri: ReviewDocuments.uri(review.id, "inline", `Hearth: ${review.plan.name}`),
            source,
            viewColumn: editor?.viewColumn,
            fileLines,
            range: place.range,
            view: inlineView(fileLines, place.range, review.proposed),
            stopFollowing: () => undefined
        };
        this.shown.set(review.id, shown);
        shown.stopFollowing = followReview(review, {
            proposal: () => this.redraw(shown),
            state: () => {
                this.lensChanges.fire();
                this.redecorate(shown);
            }
        });
        this.documents.set(shown.uri, viewText(shown.view));
        const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(shown.uri), file.languageId);
        const top = editor?.visibleRanges[0]?.start.line;
        const start = new vscode.Position(shown.view.first, 0);
        const view = await vscode.window.showTextDocument(document, { viewColumn: editor?.viewColumn, preview: false, selection: new vscode.Range(start, start) });
        this.prepare(view);
        // Scrolled as the file was, unless that leaves the change out of sight.
        if (top !== undefined && top <= place.range.start.line) view.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
        view.revealRange(new vscode.Range(shown.view.first, 0, shown.view.last, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        this.lensChanges.fire();
    }

    /** Where `review`'s change is on screen: its view's editor and the change's lines. */
    placeOf(review: Review): { editor: vscode.TextEditor; range: vscode.Range } | undefined {
        const shown = this.shown.get(review.id);
        const editor = shown && vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === shown.uri.toString());
        return editor && { editor, range: new vscode.Range(shown.view.first, 0, shown.view.last, editor.document.lineAt(shown.view.last).text.length) };
    }

    reviewAt(uri: vscode.Uri): Review | undefined {
        return this.shownAt(uri)?.review;
    }

    async hide(review: Review): Promise<void> {
        const shown = this.shown.get(review.id);
        if (!shown) return;
        this.shown.delete(review.id);
        shown.stopFollowing();
        const wasActive = vscode.window.activeTextEditor?.document.uri.toString() === shown.uri.toString();
        await closeTabs((uri) => uri.toString() === shown.uri.toString());
        this.documents.delete(shown.uri);
        this.lensChanges.fire();
        // Back to the file where the review was: after Accept it is already there, showing the change.
        if (wasActive) await vscode.window.showTextDocument(shown.source, { viewColumn: shown.viewColumn, preserveFocus: false });
    }

    provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
        const shown = this.shownAt(document.uri);
        if (shown) return reviewLenses(shown.review, shown.view.first);
        // In the file itself: the way back to each review of it.
        const uri = document.uri.toString();
        return [...this.shown.values()]
            .filter((review) => review.source.toString() === uri)
            .map((review) => {
                const line = Math.min(review.range.start.line, document.lineCount - 1);
                const title = `$(sparkle) Show Hearth's proposal for ${describeLines(review.range)}`;
                return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title, command: "vscode.open", arguments: [review.uri, { viewColumn: review.viewColumn }] });
            });
    }

    dispose(): void {
        for (const shown of this.shown.values()) {
            shown.stopFollowing();
            this.documents.delete(shown.uri);
        }
        this.shown.clear();
        for (const subscription of this.subscriptions) subscription.dispose();
    }

    private shownAt(uri: vscode.Uri): ShownInline | undefined {
        if (uri.scheme !== reviewScheme) return undefined;
        return [...this.shown.values()].find((shown) => shown.uri.toString() === uri.toString());
    }

    private redraw(shown: ShownInline): void {
        const before = shown.view;
        shown.view = inlineView(shown.fileLines, shown.range, shown.review.proposed);
        this.documents.set(shown.uri, viewText(shown.view));
        this.redecorate(shown);
        if (shown.view.first !== before.first) this.lensChanges.fire();
    }

    /** A view's editor shows the file's numbers, not its own, and the marks of the change. */
    private prepare(editor: vscode.TextEditor): void {
        const shown = this.shownAt(editor.document.uri);
        if (!shown) return;
        editor.options = { lineNumbers: vscode.TextEditorLineNumbersStyle.Off };
        this.redecorate(shown);
    }

    /** Marks the view in every editor that shows it, once its document holds the view's text. */
    private redecorate(shown: ShownInline | undefined): void {
        if (!shown) return;
        for (const editor of vscode.window.visibleTextEditors) {
            if (editor.document.uri.toString() !== shown.uri.toString()) continue;
            if (editor.document.lineCount !== shown.view.lines.length) continue;
            this.decorations.draw(editor, shown.view, shown.review.state === "writing");
        }
    }
}
