// One proposal under review, whatever shows it: its state, the code so far, the warnings about it once it
// is finished, and Accept, which applies it through its plan. Presentations listen for changes and draw.
import { randomUUID } from "node:crypto";
import type { FinishedProposal, ReviewPlan, ReviewState } from "./reviewPlan";

export class Review {
    readonly id = randomUUID();
    private current: ReviewState = "writing";
    private code = "";
    private notes: readonly string[] = [];
    private readonly listeners = new Set<() => void>();

    constructor(readonly plan: ReviewPlan) {}

    get state(): ReviewState {
        return this.current;
    }

    get warnings(): readonly string[] {
        return this.notes;
    }

    /** The replacement as proposed so far. */
    get proposed(): string {
        return this.plan.render(this.code);
    }

    /** The model has written `code` so far. */
    write(code: string): void {
        if (this.current !== "writing") return;
        this.code = code;
        this.emit();
    }

    /** The proposal is complete: it can be accepted from now on. */
    finish(proposal: FinishedProposal): void {
        if (this.current !== "writing") return;
        this.code = proposal.code;
        this.notes = this.plan.review(proposal);
        this.current = "ready";
        this.emit();
    }

    /** Applies a finished proposal; false when nothing was applied (not finished, closed, or the plan refused). */
    async accept(): Promise<boolean> {
        return this.current === "ready" && this.plan.apply(this.code);
    }

    /** Accepted or discarded: nothing more happens to it. */
    close(): void {
        if (this.current === "closed") return;
        this.current = "closed";
        this.emit();
        this.listeners.clear();
    }

    /** Calls `listener` after every change; returns what stops it. */
    onChange(listener: () => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    private emit(): void {
        for (const listener of [...this.listeners]) listener();
    }
}

/** An action a presentation offers on a review (a button, a CodeLens); without a command it is a label. */
export interface ReviewAction {
    title: string;
    command?: "hearth.acceptEdit" | "hearth.discardEdit";
}

export function reviewActions(review: Pick<Review, "state" | "warnings">): ReviewAction[] {
    switch (review.state) {
        case "writing":
            return [{ title: "$(loading~spin) Hearth is writing…" }, { title: "$(close) Cancel", command: "hearth.discardEdit" }];
        case "ready":
            return [
                { title: "$(check) Accept", command: "hearth.acceptEdit" },
                { title: "$(discard) Discard", command: "hearth.discardEdit" },
                ...review.warnings.map((warning) => ({ title: `$(warning) ${warning}` }))
            ];
        case "closed":
            return [];
    }
}
