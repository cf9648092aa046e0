// How reviews are shown, apart from what they propose: the diff editor today; an inline diff inside the
// file's own editor could be a second presentation of the same reviews.
import type * as vscode from "vscode";
import type { Review } from "./review";

export interface ReviewPresentation extends vscode.Disposable {
    /** Shows `review` and follows its changes (the growing proposal, its state) until `hide`. */
    show(review: Review): Promise<void>;
    /** Takes the review off the screen; its changes are no longer followed. */
    hide(review: Review): Promise<void>;
    /** The review shown in the editor of `uri`, if any: Accept and Discard act on it. */
    reviewAt(uri: vscode.Uri): Review | undefined;
}
