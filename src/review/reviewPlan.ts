// What a review is about, apart from how it is shown: what is proposed (the text it replaces and the
// replacement), where it goes, how Accept applies it and how a follow-up instruction asks for it again. A plan
// knows nothing of editors; the same plan could be shown by any presentation.
import type { RefactorParams } from "../../engine/protocol";
import type { Range } from "../refactor/rewriteTarget";

/** A proposal the model has finished, or one that was complete from the start (a chat answer's code). */
export interface FinishedProposal {
    code: string;
    /** The model stopped at its token limit. */
    truncated: boolean;
}

/** The document a proposal rewrites in place, and the range of it that Accept replaces. */
export interface ReviewPlace {
    /** The document's URI, as a string. */
    uri: string;
    range: Range;
}

export interface ReviewPlan {
    /** The file's name, for titles and messages. */
    name: string;
    /** The text the proposal replaces (the left side of a diff). */
    original: string;
    /** Where the proposal goes, when it rewrites part of an existing document: it can then be shown there. */
    place?: ReviewPlace;
    /** What replaces `original` when the code (so far) is `code` (the right side of a diff). */
    render(code: string): string;
    /** Sentences that warn about a finished proposal. */
    review(proposal: FinishedProposal): string[];
    /** Applies the proposal built from `code` as one edit (one undo step); true when the document changed. */
    apply(code: string): Promise<boolean>;
    /** The request that rewrites the proposal's `code` as `instruction` says; absent when it cannot be refined. */
    refine?(code: string, instruction: string): RefactorParams;
}

/** Writing: the model is still producing it. Ready: it can be accepted. Closed: accepted or discarded. */
export type ReviewState = "writing" | "ready" | "closed";
