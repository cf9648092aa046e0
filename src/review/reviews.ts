// Every proposal under review, from a refactor or from the chat's Apply: starts each one (written by the
// engine, or complete from the start), shows it inline in its file when it rewrites a part of one short
// enough to read there and in a diff editor otherwise, keeps the `hearth.reviewState` context key (which
// gates Accept, Discard and Refine in menus and keybindings) in step with the active editor, and carries out
// Accept, Discard and Refine. Nothing touches a file until Accept, and then only through the plan's `apply`.
import * as vscode from "vscode";
import type { RefactorParams } from "../../engine/protocol";
import { runRefactor, type RefactorEngine } from "../refactor/refactorRunner";
import type { InstructionRequest } from "../refactor/instructionBox";
import { describeLines } from "../refactor/rewriteTarget";
import { DiffPresentation } from "./diffPresentation";
import { InlinePresentation } from "./inlinePresentation";
import { Review } from "./review";
import { ReviewDocuments, reviewScheme } from "./reviewDocuments";
import { closeTabs } from "./reviewEditors";
import type { ReviewPlan } from "./reviewPlan";
import type { ReviewPresentation } from "./reviewPresentation";

/** The engine writes the proposal (`title` says what it is doing), or the proposal is complete. */
export type ProposalSource = { kind: "engine"; title: string; params: RefactorParams } | { kind: "complete"; code: string };

/** Asks the user for an instruction in a box titled `title`, at the code when `at` says where; undefined when they cancel. */
export type AskInstruction = (request: InstructionRequest) => Promise<string | undefined>;

interface OpenReview {
    review: Review;
    presentation: ReviewPresentation;
    /** Stops the engine while it writes (or rewrites) the proposal. */
    run?: vscode.CancellationTokenSource;
}

const commandWords: Record<RefactorParams["command"], string> = { edit: "Edit", fix: "Fix the problems", document: "Document the code", tests: "Write tests", commitMessage: "Write a commit message" };

/** What was asked for, in a few words, shown with the proposal. */
function requestOf(source: ProposalSource): string {
    if (source.kind === "complete") return "Apply the code from the chat";
    return source.params.instruction && source.params.command === "edit" ? source.params.instruction : commandWords[source.params.command];
}

export class Reviews implements vscode.Disposable {
    private readonly open = new Map<string, OpenReview>();
    private readonly documents = new ReviewDocuments();
    private readonly inline: InlinePresentation;
    private readonly diff: DiffPresentation;
    private readonly subscriptions: vscode.Disposable[];

    constructor(private readonly engine: RefactorEngine, private readonly askInstruction: AskInstruction) {
        this.inline = new InlinePresentation(this.documents, (review) => void this.close(review));
        this.diff = new DiffPresentation(this.documents, (review) => void this.close(review));
        this.subscriptions = [this.inline, this.diff, this.documents, vscode.window.onDidChangeActiveTextEditor(() => this.updateContext())];
        // A review lives in memory: the tabs a reload restores of reviews from before it would show nothing.
        void closeTabs((uri) => uri.scheme === reviewScheme);
    }

    /** Shows a new proposal; resolves once it is complete, or gone (cancelled, failed). */
    async propose(plan: ReviewPlan, source: ProposalSource): Promise<void> {
        const review = new Review(plan, requestOf(source));
        const presentation = this.inline.canShow(review) ? this.inline : this.diff;
        const open: OpenReview = { review, presentation };
        this.open.set(review.id, open);
        review.onChange(() => this.updateContext());
        if (source.kind === "complete") review.finish({ code: source.code, truncated: false });
        await presentation.show(review);
        this.updateContext();
        if (source.kind === "engine" && review.state !== "closed") await this.write(open, source.params, source.title);
    }

    async accept(target?: unknown): Promise<void> {
        const review = this.find(target);
        if (!review) {
            void vscode.window.showInformationMessage("There is no Hearth proposal to accept.");
            return;
        }
        if (review.state === "writing") {
            void vscode.window.showInformationMessage("Hearth is still writing this proposal. Wait for it to finish, or discard it.");
            return;
        }
        if (await review.accept()) await this.close(review);
    }

    /** Discards a proposal; while a refinement is being written, stops it and shows the proposal it refined. */
    async discard(target?: unknown): Promise<void> {
        const review = this.find(target);
        const open = review && this.open.get(review.id);
        if (!open) return;
        if (open.run && review.fallBack()) {
            open.run.cancel();
            return;
        }
        await this.close(open.review);
    }

    /** Asks for a follow-up instruction and has the engine rewrite the finished proposal as it says. */
    async refine(target?: unknown): Promise<void> {
        const review = this.find(target);
        const open = review && this.open.get(review.id);
        if (!open || !review.plan.refine) {
            void vscode.window.showInformationMessage("There is no Hearth proposal to refine.");
            return;
        }
        if (review.state !== "ready") {
            void vscode.window.showInformationMessage("Hearth is still writing this proposal. Wait for it to finish before refining it.");
            return;
        }
        const place = review.plan.place;
        const instruction = await this.askInstruction({
            title: `Hearth: Refine the proposal for ${place ? `${describeLines(place.range)} of ` : ""}${review.plan.name}`,
            placeholder: "Describe what to change in the proposal",
            example: "e.g. \"keep the old name\" or \"add a comment\"",
            at: open.presentation === this.inline ? this.inline.placeOf(review) : undefined
        });
        // The proposal as it was finished: revising it starts the review's code afresh.
        const params = instruction && review.plan.refine(review.code, instruction);
        if (!params || !review.revise(instruction)) return;
        await this.write(open, params, `Hearth is refining the proposal for ${review.plan.name}`);
    }

    dispose(): void {
        for (const { review, run } of this.open.values()) {
            run?.cancel();
            run?.dispose();
            review.close();
        }
        this.open.clear();
        for (const subscription of this.subscriptions) subscription.dispose();
    }

    /** Streams the engine's proposal into the review. A run that ends without one falls back to the proposal it refined, else closes the review. */
    private async write(open: OpenReview, params: RefactorParams, title: string): Promise<void> {
        const { review } = open;
        const run = new vscode.CancellationTokenSource();
        open.run = run;
        // Inline, the proposal itself shows the progress (with Cancel above it); the status bar says what runs.
        const location = open.presentation === this.inline ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
        const outcome = await runRefactor(this.engine, params, { title, location, cancel: run.token, onCode: (code) => review.write(code) });
        open.run = undefined;
        run.dispose();
        if (review.state !== "writing") return;
        if (outcome.kind === "done") {
            review.finish({ code: outcome.result.code, truncated: outcome.result.finishReason === "maxTokens" });
            return;
        }
        if (outcome.kind === "failed") void vscode.window.showErrorMessage(`Hearth could not write the proposal: ${outcome.message}`);
        if (!review.fallBack()) await this.close(review);
    }

    /** The review an argument names (its id, from a CodeLens), else the one in the active editor, else the newest. */
    private find(target: unknown): Review | undefined {
        if (typeof target === "string" && this.open.has(target)) return this.open.get(target)!.review;
        const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
        return (uri && this.reviewAt(uri)) || [...this.open.values()].at(-1)?.review;
    }

    private reviewAt(uri: vscode.Uri): Review | undefined {
        return this.inline.reviewAt(uri) ?? this.diff.reviewAt(uri);
    }

    private async close(review: Review): Promise<void> {
        const open = this.open.get(review.id);
        if (!open) return;
        this.open.delete(review.id);
        open.run?.cancel();
        review.close();
        await open.presentation.hide(review);
        this.updateContext();
    }

    private updateContext(): void {
        const uri = vscode.window.activeTextEditor?.document.uri;
        const review = uri && this.reviewAt(uri);
        void vscode.commands.executeCommand("setContext", "hearth.reviewState", review ? review.state : "");
    }
}
