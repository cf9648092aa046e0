// One proposal under review, whatever shows it: its state, the code so far, the warnings about it once it
// is finished, what was asked for, and Accept, which applies it through its plan. A finished proposal can be
// revised (a follow-up instruction): it is written again, and falls back to the last finished one if that
// revision never finishes. Presentations listen for changes and draw.
import { randomUUID } from "node:crypto";
import type { FinishedProposal, ReviewPlan, ReviewState } from "./reviewPlan";

interface Finished {
    code: string;
    notes: readonly string[];
    request: string;
}

export class Review {
    readonly id = randomUUID();
    private current: ReviewState = "writing";
    private written = "";
    private notes: readonly string[] = [];
    private asked: string;
    /** The finished proposal a revision replaces, until the revision finishes. */
    private previous?: Finished;
    private readonly listeners = new Set<() => void>();

    /** `request` says in a few words what was asked for, e.g. the instruction. */
    constructor(readonly plan: ReviewPlan, request = "") {
        this.asked = request;
    }

    get state(): ReviewState {
        return this.current;
    }

    get warnings(): readonly string[] {
        return this.notes;
    }

    /** What was asked for, in a few words. */
    get request(): string {
        return this.asked;
    }

    /** The code as the model wrote it so far (before the plan renders it): what a revision starts from. */
    get code(): string {
        return this.written;
    }

    /** The replacement as proposed so far. */
    get proposed(): string {
        return this.plan.render(this.written);
    }

    /** A follow-up instruction can revise it: its plan knows how to ask for that. */
    get refinable(): boolean {
        return this.plan.refine !== undefined;
    }

    /** The model has written `code` so far. */
    write(code: string): void {
        if (this.current !== "writing") return;
        this.written = code;
        this.emit();
    }

    /** The proposal is complete: it can be accepted from now on. */
    finish(proposal: FinishedProposal): void {
        if (this.current !== "writing") return;
        this.written = proposal.code;
        this.notes = this.plan.review(proposal);
        this.previous = undefined;
        this.current = "ready";
        this.emit();
    }

    /** A finished proposal is written again, as `request` asks; false when it is not finished. */
    revise(request: string): boolean {
        if (this.current !== "ready") return false;
        this.previous = { code: this.written, notes: this.notes, request: this.asked };
        this.written = "";
        this.notes = [];
        this.asked = request;
        this.current = "writing";
        this.emit();
        return true;
    }

    /** A revision that will not finish gives way to the proposal it was revising; false when there is none. */
    fallBack(): boolean {
        if (this.current !== "writing" || !this.previous) return false;
        ({ code: this.written, notes: this.notes, request: this.asked } = this.previous);
        this.previous = undefined;
        this.current = "ready";
        this.emit();
        return true;
    }

    /** Applies a finished proposal; false when nothing was applied (not finished, closed, or the plan refused). */
    async accept(): Promise<boolean> {
        return this.current === "ready" && this.plan.apply(this.written);
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
    command?: "hearth.acceptEdit" | "hearth.discardEdit" | "hearth.refineEdit";
}

/** The keys package.json binds to Accept, Discard and Refine in a review, as the platform writes them. */
export const reviewKeys = process.platform === "darwin" ? { accept: "⌘Enter", discard: "Esc", refine: "⌘I" } : { accept: "Ctrl+Enter", discard: "Esc", refine: "Ctrl+I" };

const requestLength = 60;

function requestLabel(request: string): ReviewAction[] {
    const line = request.replace(/\s+/g, " ").trim();
    if (line === "") return [];
    return [{ title: `$(sparkle) ${line.length > requestLength ? `${line.slice(0, requestLength - 1)}…` : line}` }];
}

export function reviewActions(review: Pick<Review, "state" | "warnings" | "request" | "refinable">, keys = reviewKeys): ReviewAction[] {
    switch (review.state) {
        case "writing":
            return [...requestLabel(review.request), { title: "$(loading~spin) Hearth is writing…" }, { title: `$(close) Cancel (${keys.discard})`, command: "hearth.discardEdit" }];
        case "ready":
            return [
                ...requestLabel(review.request),
                { title: `$(check) Accept (${keys.accept})`, command: "hearth.acceptEdit" },
                { title: `$(discard) Discard (${keys.discard})`, command: "hearth.discardEdit" },
                ...(review.refinable ? [{ title: `$(edit) Refine… (${keys.refine})`, command: "hearth.refineEdit" as const }] : []),
                ...review.warnings.map((warning) => ({ title: `$(warning) ${warning}` }))
            ];
        case "closed":
            return [];
    }
}
