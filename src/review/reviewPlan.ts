// What a review is about, apart from how it is shown: what is proposed (the text it replaces and the
// replacement), where it goes and how Accept applies it. A plan knows nothing of diff editors; the same plan
// could be shown by any presentation.

/** A proposal the model has finished, or one that was complete from the start (a chat answer's code). */
export interface FinishedProposal {
    code: string;
    /** The model stopped at its token limit. */
    truncated: boolean;
}

export interface ReviewPlan {
    /** The file's name, for titles and messages. */
    name: string;
    /** The text the proposal replaces (the left side of a diff). */
    original: string;
    /** What replaces `original` when the code (so far) is `code` (the right side of a diff). */
    render(code: string): string;
    /** Sentences that warn about a finished proposal. */
    review(proposal: FinishedProposal): string[];
    /** Applies the proposal built from `code` as one edit (one undo step); true when the document changed. */
    apply(code: string): Promise<boolean>;
}

/** Writing: the model is still producing it. Ready: it can be accepted. Closed: accepted or discarded. */
export type ReviewState = "writing" | "ready" | "closed";
