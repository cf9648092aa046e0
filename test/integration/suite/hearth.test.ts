// Hearth inside VS Code's extension host: it activates, registers every command it contributes, reads
// its settings back, and its inline completion provider answers through the engine.
import assert from "node:assert/strict";
import * as vscode from "vscode";
import { until } from "../../support/until";

const extensionId = "hearth.hearth";

suite("Hearth in the extension host", () => {
    let extension: vscode.Extension<unknown>;

    suiteSetup(async () => {
        const found = vscode.extensions.getExtension(extensionId);
        assert.ok(found, `${extensionId} is not installed`);
        extension = found;
        await extension.activate();
    });

    test("activates", () => {
        assert.equal(extension.isActive, true);
    });

    test("registers every command it contributes", async () => {
        const contributed = (extension.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
        assert.ok(contributed.length > 10);
        const registered = new Set(await vscode.commands.getCommands(true));
        assert.deepEqual(contributed.filter((command) => !registered.has(command)), []);
    });

    test("settings round-trip through VS Code's configuration", async () => {
        const key = "completion.maxTokens";
        const config = () => vscode.workspace.getConfiguration("hearth");
        // The narrowest target that exists, so that no other level overrides the value written.
        const folder = vscode.workspace.workspaceFolders !== undefined;
        const target = folder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        const valueAt = () => (folder ? config().inspect<number>(key)?.workspaceValue : config().inspect<number>(key)?.globalValue);
        const original = valueAt();
        await config().update(key, 13, target);
        try {
            assert.equal(config().get(key), 13);
        } finally {
            await config().update(key, original, target);
        }
        assert.equal(valueAt(), original);
    });

    test("the inline completion provider answers through the engine", async () => {
        const document = await vscode.workspace.openTextDocument({
            language: "typescript",
            content: "export function add(a: number, b: number): number {\n    return a + b;\n}\n\nconst total = "
        });
        const editor = await vscode.window.showTextDocument(document);
        const end = document.lineAt(document.lineCount - 1).range.end;
        editor.selection = new vscode.Selection(end, end);
        const original = document.getText();
        try {
            // Until the engine has loaded its model, a trigger shows nothing: ask again until a suggestion is accepted.
            await until("a completion from the engine", async () => {
                await vscode.commands.executeCommand("editor.action.inlineSuggest.trigger");
                await new Promise((resolve) => setTimeout(resolve, 500));
                await vscode.commands.executeCommand("editor.action.inlineSuggest.commit");
                return document.getText() !== original ? true : undefined;
            }, 180_000, 250);
            assert.ok(document.getText().startsWith(original), "the completion changed text before the cursor");
        } finally {
            await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
        }
    });
});
