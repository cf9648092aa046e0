// Every proposal under review, from a refactor or from the chat's Apply: starts each one (written by the
// engine, or complete from the start), shows it through the presentation, keeps the `hearth.reviewState`
// context key (which gates Accept and Discard in the menus) in step with the active editor, and carries
// out Accept and Discard. Nothing touches a file until Accept, and then only through the plan's `apply`.
import * as vscode from "vscode";
import type { RefactorParams } from "../../engine/protocol";
import { runRefactor, type RefactorEngine } from "../refactor/refactorRunner";
import { DiffPresentation } from "./diffPresentation";
import { Review } from "./review";
import type { ReviewPlan } from "./reviewPlan";
import type { ReviewPresentation } from "./reviewPresentation";

/** The engine writes the proposal behind a progress notification titled `title`, or the proposal is complete. */
export type ProposalSource = { kind: "engine"; title: string; params: RefactorParams } | { kind: "complete"; code: string };

interface OpenReview {
    review: Review;
    /** Stops the engine while it is still writing the proposal. */
    stop: vscode.CancellationTokenSource;
}

export class Reviews implements vscode.Disposable {
    private readonly open = new Map<string, OpenReview>();
    private readonly presentation: ReviewPresentation;
    private readonly subscriptions: vscode.Disposable[];

    constructor(private readonly engine: RefactorEngine) {
        this.presentation = new DiffPresentation((review) => void this.close(review));
        this.subscriptions = [this.presentation, vscode.window.onDidChangeActiveTextEditor(() => this.updateContext())];
    }

    /** Shows a new proposal; resolves once it is complete, or gone (cancelled, failed). */
    async propose(plan: ReviewPlan, source: ProposalSource): Promise<void> {
        const review = new Review(plan);
        const stop = new vscode.CancellationTokenSource();
        this.open.set(review.id, { review, stop });
        review.onChange(() => this.updateContext());
        if (source.kind === "complete") review.finish({ code: source.code, truncated: false });
        await this.presentation.show(review);
        this.updateContext();
        if (source.kind === "engine" && review.state !== "closed" && !(await this.write(review, source, stop.token))) await this.close(review);
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

    async discard(target?: unknown): Promise<void> {
        const review = this.find(target);
        if (review) await this.close(review);
    }

    dispose(): void {
        for (const { review, stop } of this.open.values()) {
            stop.cancel();
            stop.dispose();
            review.close();
        }
        this.open.clear();
        for (const subscription of this.subscriptions) subscription.dispose();
    }

    /** Streams the engine's proposal into `review`; false when there is none to accept. */
    private async write(review: Review, source: Extract<ProposalSource, { kind: "engine" }>, cancel: vscode.CancellationToken): Promise<boolean> {
        const outcome = await runRefactor(this.engine, source.params, { title: source.title, cancel, onCode: (code) => review.write(code) });
        if (review.state === "closed" || outcome.kind === "cancelled") return false;
        if (outcome.kind === "failed") {
            void vscode.window.showErrorMessage(`Hearth could not write the proposal: ${outcome.message}`);
            return false;
        }
        review.finish({ code: outcome.result.code, truncated: outcome.result.finishReason === "maxTokens" });
        return true;
    }

    /** The review an argument names (its id, from a CodeLens), else the one in the active editor, else the newest. */
    private find(target: unknown): Review | undefined {
        if (typeof target === "string" && this.open.has(target)) return this.open.get(target)!.review;
        const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
        return (uri && this.presentation.reviewAt(uri)) || [...this.open.values()].at(-1)?.review;
    }

    private async close(review: Review): Promise<void> {
        const open = this.open.get(review.id);
        if (!open) return;
        this.open.delete(review.id);
        open.stop.cancel();
        open.stop.dispose();
        review.close();
        await this.presentation.hide(review);
        this.updateContext();
    }

    private updateContext(): void {
        const uri = vscode.window.activeTextEditor?.document.uri;
        const review = uri && this.presentation.reviewAt(uri);
        void vscode.commands.executeCommand("setContext", "hearth.reviewState", review ? review.state : "");
    }
}
