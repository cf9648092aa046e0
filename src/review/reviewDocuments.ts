// The read-only documents reviews are shown in, held in memory under the `hearth-review` scheme: the two
// sides of a review diff, or the inline review of a file. Redrawn as the model writes.
import * as vscode from "vscode";

export const reviewScheme = "hearth-review";

export class ReviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly contents = new Map<string, string>();
    private readonly changes = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changes.event;
    private readonly registration = vscode.workspace.registerTextDocumentContentProvider(reviewScheme, this);

    /** A review document's URI: `/<review id>/<role>/<name>`, so its tab reads `name`. */
    static uri(reviewId: string, role: string, name: string): vscode.Uri {
        return vscode.Uri.from({ scheme: reviewScheme, path: `/${reviewId}/${role}/${name.replace(/[/\\]/g, "_")}` });
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.contents.get(uri.toString()) ?? "";
    }

    set(uri: vscode.Uri, text: string): void {
        if (this.contents.get(uri.toString()) === text) return;
        this.contents.set(uri.toString(), text);
        this.changes.fire(uri);
    }

    delete(uri: vscode.Uri): void {
        this.contents.delete(uri.toString());
    }

    dispose(): void {
        this.registration.dispose();
        this.changes.dispose();
    }
}
