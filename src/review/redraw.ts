// How a presentation follows a review: a change of state is drawn at once, and a proposal that is still
// growing at most every `redrawMs`, often enough to watch and rarely enough not to redraw every token.
import type { Review } from "./review";
import type { ReviewState } from "./reviewPlan";

export const redrawMs = 120;

export interface Drawing {
    /** Draws the proposal as it is now. */
    proposal(): void;
    /** Draws what depends on the review's state (its actions). */
    state(state: ReviewState): void;
}

/** Follows `review` until the returned function is called. */
export function followReview(review: Review, draw: Drawing): () => void {
    let drawnState = review.state;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopListening = review.onChange(() => {
        const state = review.state;
        if (state !== drawnState) {
            drawnState = state;
            draw.state(state);
        }
        if (state === "closed") return;
        if (state === "ready") {
            clearTimeout(timer);
            timer = undefined;
            draw.proposal();
            return;
        }
        timer ??= setTimeout(() => {
            timer = undefined;
            if (review.state === "writing") draw.proposal();
        }, redrawMs);
    });
    return () => {
        stopListening();
        clearTimeout(timer);
    };
}
