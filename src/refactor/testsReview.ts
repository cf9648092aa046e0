// Where generated tests go and how they are reviewed: appended to the matching test file when there is
// one, else written into a new untitled document named after the convention (saved where it suggests).
// Either way the user sees the diff first, and nothing is written until Accept.
import { basename, posix } from "node:path";
import * as vscode from "vscode";
import type { RefactorTestFile } from "../../engine/protocol";
import type { FinishedProposal, ReviewPlan } from "../review/reviewPlan";
import { splitLines } from "./applyEdit";
import { testFileCandidates } from "./testFileLocator";

export interface TestDestination {
    /** The existing test file, opened; absent for a new one. */
    existing?: vscode.TextDocument;
    /** The new file's URI (untitled, with the path it will be saved at) when there is no existing one. */
    newUri: vscode.Uri;
    /** What the model is told about the file. */
    testFile: RefactorTestFile;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}

export async function findTestDestination(source: vscode.TextDocument): Promise<TestDestination> {
    const folder = vscode.workspace.getWorkspaceFolder(source.uri);
    const languageId = source.languageId;
    if (source.uri.scheme !== "file") {
        const newUri = vscode.Uri.from({ scheme: "untitled", path: `tests-${basename(source.uri.path) || "untitled"}` });
        return { newUri, testFile: { fileName: basename(newUri.path), languageId } };
    }
    const { candidates, newFile } = testFileCandidates(source.uri.path, folder?.uri.path);
    const relative = (path: string) => (folder ? posix.relative(folder.uri.path, path) : basename(path));
    for (const path of candidates) {
        const uri = source.uri.with({ path });
        if (await exists(uri)) {
            const existing = await vscode.workspace.openTextDocument(uri);
            return { existing, newUri: uri, testFile: { fileName: relative(path), languageId: existing.languageId, existingText: existing.getText() } };
        }
    }
    return { newUri: source.uri.with({ scheme: "untitled", path: newFile }), testFile: { fileName: relative(newFile), languageId } };
}

/** The generated tests without blank lines around them, ending with one line end. */
function testsText(code: string): string {
    const lines = splitLines(code);
    while (lines.length > 0 && lines[0].trim() === "") lines.shift();
    while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
    return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** What goes between the existing file's text and the appended tests: one blank line. */
function separator(existing: string): string {
    if (existing === "") return "";
    return existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
}

export function testsReviewPlan(destination: TestDestination): ReviewPlan {
    const existing = destination.existing;
    const name = basename(destination.newUri.path);
    const original = existing?.getText().replace(/\r\n/g, "\n") ?? "";
    const version = existing?.version;
    return {
        name,
        original,
        render: (code) => original + separator(original) + testsText(code),
        review: (result: FinishedProposal) => {
            const warnings: string[] = [];
            if (result.truncated) warnings.push("The tests reached their token limit and may be incomplete.");
            if (result.code.trim() === "") warnings.push("The model wrote no tests.");
            return warnings;
        },
        apply: async (code) => {
            const tests = testsText(code);
            if (existing) {
                const current = await vscode.workspace.openTextDocument(existing.uri);
                if (current.version !== version || current.getText().replace(/\r\n/g, "\n") !== original) {
                    void vscode.window.showWarningMessage(`${name} changed after Hearth read it, so the tests were not added. Generate them again.`);
                    return false;
                }
                const eol = current.eol === vscode.EndOfLine.CRLF ? "\r\n" : "\n";
                const end = current.lineAt(current.lineCount - 1).range.end;
                const edit = new vscode.WorkspaceEdit();
                edit.insert(current.uri, end, (separator(original) + tests).replace(/\n/g, eol));
                if (!(await vscode.workspace.applyEdit(edit))) return false;
                await vscode.window.showTextDocument(current);
                return true;
            }
            // An untitled document at the conventional path: saving it writes the test file there.
            const document = await vscode.workspace.openTextDocument(destination.newUri).then(
                (opened) => (opened.getText() === "" ? opened : vscode.workspace.openTextDocument({ language: destination.testFile.languageId })),
                () => vscode.workspace.openTextDocument({ language: destination.testFile.languageId })
            );
            const edit = new vscode.WorkspaceEdit();
            edit.insert(document.uri, new vscode.Position(0, 0), tests);
            if (!(await vscode.workspace.applyEdit(edit))) return false;
            await vscode.window.showTextDocument(document);
            return true;
        }
    };
}
