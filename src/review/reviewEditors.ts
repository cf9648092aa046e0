// What every presentation does with VS Code's editors: finds and closes the tabs that show a review's
// documents, tells which review a closed tab showed, and puts a review's actions above a line as CodeLens.
import * as vscode from "vscode";
import { reviewActions, type Review } from "./review";

/** The document a tab shows (a diff's proposal side). */
export function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
    if (tab.input instanceof vscode.TabInputTextDiff) return tab.input.modified;
    if (tab.input instanceof vscode.TabInputText) return tab.input.uri;
    return undefined;
}

/** Closes every tab whose document `shows` accepts. */
export async function closeTabs(shows: (uri: vscode.Uri) => boolean): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => {
        const uri = tabUri(tab);
        return uri !== undefined && shows(uri);
    });
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
}

/** Calls `dismissed` for each review whose tab the user closed; `reviewAt` finds the review a document shows. */
export function onTabsClosed(reviewAt: (uri: vscode.Uri) => Review | undefined, dismissed: (review: Review) => void): vscode.Disposable {
    return vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of event.closed) {
            const uri = tabUri(tab);
            const review = uri && reviewAt(uri);
            if (review) dismissed(review);
        }
    });
}

/** The review's actions as CodeLens above `line`; each command gets the review's id. */
export function reviewLenses(review: Review, line: number): vscode.CodeLens[] {
    const at = new vscode.Range(line, 0, line, 0);
    return reviewActions(review).map((action) => new vscode.CodeLens(at, { title: action.title, command: action.command ?? "", arguments: action.command ? [review.id] : [] }));
}
