// Hearth inside VS Code's extension host: it activates, registers every command it contributes, reports its
// engine's state, honours a language-specific setting and the status menu's switches, and its inline completion
// provider answers through the engine.
import assert from "node:assert/strict";
import * as vscode from "vscode";
import { completionEnabled, modelPath } from "../../../src/config";
import type { EngineStateView } from "../../../src/engineState";
import type { HearthApi } from "../../../src/extension";
import { until } from "../../support/until";

const extensionId = "hearth.hearth";

/** Resolves once the engine can serve requests; fails at once if it stops or cannot load its model. */
function engineReady(engine: EngineStateView): Promise<void> {
    return new Promise((resolve, reject) => {
        const check = () => {
            const state = engine.value;
            const failed = state.kind === "stopped" || engine.status?.state === "error" || engine.status?.state === "noModel";
            if (!engine.ready && !failed) return;
            subscription.dispose();
            if (engine.ready) resolve();
            else reject(new Error(`the engine will not be ready: ${JSON.stringify(state)}`));
        };
        const subscription = engine.onDidChange(check);
        check();
    });
}

/** A TypeScript document with the cursor where a completion fits, shown in the editor. */
async function typescriptAtEnd(): Promise<{ document: vscode.TextDocument; original: string }> {
    const document = await vscode.workspace.openTextDocument({
        language: "typescript",
        content: "export function add(a: number, b: number): number {\n    return a + b;\n}\n\nconst total = "
    });
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    return { document, original: document.getText() };
}

/** Asks for a completion (the trigger resolves once the providers have answered) and accepts it, if one came. */
async function acceptCompletion(document: vscode.TextDocument, original: string): Promise<boolean> {
    await vscode.commands.executeCommand("editor.action.inlineSuggest.trigger");
    await vscode.commands.executeCommand("editor.action.inlineSuggest.commit");
    return document.getText() !== original;
}

/** No completion is offered in a fresh document after `off`, then one is once `resume` ran. */
async function offThenOn(what: string, off: () => Thenable<unknown>, resume: () => Thenable<unknown>): Promise<void> {
    await off();
    try {
        const { document, original } = await typescriptAtEnd();
        assert.equal(await acceptCompletion(document, original), false, `a completion was offered ${what}`);
    } finally {
        await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
        await resume();
    }
    const { document, original } = await typescriptAtEnd();
    try {
        await until(`a completion once no longer ${what}`, async () => ((await acceptCompletion(document, original)) ? true : undefined), 60_000, 250);
    } finally {
        await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
    }
}

/** Hearth, activated. */
async function activeHearth(): Promise<{ extension: vscode.Extension<HearthApi>; api: HearthApi }> {
    const extension = vscode.extensions.getExtension<HearthApi>(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);
    return { extension, api: await extension.activate() };
}

suite("Hearth in the extension host", () => {
    let extension: vscode.Extension<HearthApi>;
    let api: HearthApi;

    suiteSetup(async () => {
        ({ extension, api } = await activeHearth());
    });

    test("activates", () => {
        assert.equal(extension.isActive, true);
    });

    test("registers every command it contributes", async () => {
        const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
        assert.ok(contributed.length > 10);
        const registered = new Set(await vscode.commands.getCommands(true));
        assert.deepEqual(contributed.filter((command) => !registered.has(command)), []);
    });

    test("the engine loads the configured model and says so", async () => {
        await engineReady(api.engineState);
        assert.equal(api.engineState.status?.path, modelPath());
    });

    test("the inline completion provider answers through the engine", async () => {
        await engineReady(api.engineState);
        const { document, original } = await typescriptAtEnd();
        try {
            // A model with random weights may propose nothing at some positions: ask again until a suggestion is accepted.
            await until("a completion from the engine", async () => ((await acceptCompletion(document, original)) ? true : undefined), 60_000, 250);
            assert.ok(document.getText().startsWith(original), "the completion changed text before the cursor");
        } finally {
            await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
        }
    });

});

suite("Hearth's completion switches in the extension host", () => {
    let api: HearthApi;

    suiteSetup(async () => {
        ({ api } = await activeHearth());
    });

    test("hearth.completion.enabled set off for one language turns completions off there only", async () => {
        await engineReady(api.engineState);
        // The narrowest target that exists, so that no other level overrides the value written.
        const target = vscode.workspace.workspaceFolders !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        const typescript = () => vscode.workspace.getConfiguration("hearth", { languageId: "typescript" });
        await typescript().update("completion.enabled", false, target, true);
        try {
            const { document, original } = await typescriptAtEnd();
            assert.equal(completionEnabled({ languageId: "typescript", uri: document.uri }), false);
            assert.equal(completionEnabled({ languageId: "python", uri: document.uri }), true);
            assert.equal(await acceptCompletion(document, original), false, "a completion was offered where it is off");
        } finally {
            await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
            await typescript().update("completion.enabled", undefined, target, true);
        }
        // VS Code keeps the answer it got for a document, position and version: ask in a fresh document.
        const { document, original } = await typescriptAtEnd();
        try {
            assert.equal(completionEnabled({ languageId: "typescript", uri: document.uri }), true);
            await until("a completion once it is on again", async () => ((await acceptCompletion(document, original)) ? true : undefined), 60_000, 250);
        } finally {
            await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
        }
    });

    test("the status menu's commands: snooze and resume, off and on again for one language", async () => {
        await engineReady(api.engineState);
        await offThenOn("while snoozed", () => vscode.commands.executeCommand("hearth.snoozeCompletions", 5), () => vscode.commands.executeCommand("hearth.resumeCompletions"));
        const typescript = () => vscode.workspace.getConfiguration("hearth", { languageId: "typescript" });
        try {
            await offThenOn(
                "while off for TypeScript",
                async () => {
                    await vscode.commands.executeCommand("hearth.disableCompletions", { languageId: "typescript" });
                    assert.equal(completionEnabled({ languageId: "typescript" }), false);
                    assert.equal(completionEnabled({ languageId: "python" }), true);
                },
                () => vscode.commands.executeCommand("hearth.enableCompletions", { languageId: "typescript" })
            );
        } finally {
            await typescript().update("completion.enabled", undefined, vscode.ConfigurationTarget.Global, true);
        }
    });
});
