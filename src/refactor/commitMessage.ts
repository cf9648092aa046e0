// "Write Commit Message": describes the staged changes of a Git repository (with none staged, its working tree's
// changes) in its Source Control input box, through the API of VS Code's built-in Git extension. The message
// streams into the box; a message the user had typed is only replaced after asking, and comes back if the run is
// cancelled or fails.
import * as vscode from "vscode";
import { changesToDescribe, noChangesMessage } from "./commitDiff";
import { runRefactor, type RefactorEngine } from "./refactorRunner";

/** The part of the `vscode.git` extension's API (version 1) used here. */
interface GitRepository {
    readonly rootUri: vscode.Uri;
    readonly inputBox: { value: string };
    diff(cached?: boolean): Promise<string>;
}

interface GitApi {
    readonly repositories: readonly GitRepository[];
    getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtension {
    getAPI(version: 1): GitApi;
}

async function gitApi(): Promise<GitApi | undefined> {
    const extension = vscode.extensions.getExtension<GitExtension>("vscode.git");
    if (!extension) return undefined;
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.getAPI(1);
}

async function chooseRepository(api: GitApi, hint: unknown): Promise<GitRepository | undefined> {
    // The SCM title menu passes the repository's source control; its rootUri names the repository.
    const hinted = (hint as { rootUri?: unknown } | undefined)?.rootUri;
    if (hinted instanceof vscode.Uri) {
        const repository = api.getRepository(hinted);
        if (repository) return repository;
    }
    if (api.repositories.length <= 1) return api.repositories[0];
    const active = vscode.window.activeTextEditor?.document.uri;
    const fromEditor = active && api.getRepository(active);
    if (fromEditor) return fromEditor;
    const picked = await vscode.window.showQuickPick(
        api.repositories.map((repository) => ({ label: vscode.workspace.asRelativePath(repository.rootUri), repository })),
        { title: "Hearth: Write Commit Message", placeHolder: "Which repository?" }
    );
    return picked?.repository;
}

export async function writeCommitMessage(engine: RefactorEngine, hint?: unknown): Promise<void> {
    const api = await gitApi();
    if (!api) {
        void vscode.window.showErrorMessage("Hearth needs VS Code's built-in Git extension to write commit messages, and it is disabled.");
        return;
    }
    const repository = await chooseRepository(api, hint);
    if (!repository) {
        if (api.repositories.length === 0) void vscode.window.showInformationMessage("Open a folder that is a Git repository to write a commit message.");
        return;
    }
    const changes = await changesToDescribe(repository);
    if (!changes) {
        void vscode.window.showInformationMessage(noChangesMessage);
        return;
    }
    const previous = repository.inputBox.value;
    if (previous.trim() !== "") {
        const choice = await vscode.window.showWarningMessage("Replace the commit message you have written?", { modal: true }, "Replace");
        if (choice !== "Replace") return;
    }
    await vscode.commands.executeCommand("workbench.view.scm");
    if (changes.note) void vscode.window.showInformationMessage(changes.note);
    const outcome = await runRefactor(engine, { command: "commitMessage", code: changes.diff, languageId: "diff" }, {
        title: "Hearth is writing a commit message",
        onCode: (code) => (repository.inputBox.value = code)
    });
    if (outcome.kind === "done" && outcome.result.code.trim() !== "") {
        repository.inputBox.value = outcome.result.code;
        return;
    }
    repository.inputBox.value = previous;
    if (outcome.kind === "failed") void vscode.window.showErrorMessage(`Hearth could not write the commit message: ${outcome.message}`);
    if (outcome.kind === "done") void vscode.window.showWarningMessage("The model wrote an empty commit message; the input box is as it was.");
}
