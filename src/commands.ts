// Every Hearth command, in one table, registered in one loop.
import * as vscode from "vscode";
import { setModelPath } from "./config";
import type { ModelsController } from "./models/modelsController";
import type { RefactorController } from "./refactor/refactorController";
import type { Reviews } from "./review/reviews";

export interface CommandHost {
    restartEngine(): Promise<void>;
    showLog(): void;
    openChat(): Promise<void>;
    newChat(): Promise<void>;
    /** Edit, explain, fix, document, test, commit message; optional args `(uri, range)` from a code action. */
    refactor: RefactorController;
    /** Accept and Discard of the proposal under review; optional arg: the review's id, from a CodeLens. */
    reviews: Reviews;
    /** The model picker, downloads and deletion. */
    models: ModelsController;
}

type Handler = (host: CommandHost, ...args: unknown[]) => unknown;

const commands: Record<string, Handler> = {
    "hearth.restartEngine": (host) => host.restartEngine(),
    "hearth.showLog": (host) => host.showLog(),
    "hearth.openChat": (host) => host.openChat(),
    "hearth.newChat": (host) => host.newChat(),
    "hearth.editSelection": (host, ...args) => host.refactor.editSelection(...args),
    "hearth.explainSelection": (host, ...args) => host.refactor.explainSelection(...args),
    "hearth.fixSelection": (host, ...args) => host.refactor.fixSelection(...args),
    "hearth.documentSelection": (host, ...args) => host.refactor.documentSelection(...args),
    "hearth.generateTests": (host, ...args) => host.refactor.generateTests(...args),
    "hearth.commitMessage": (host, repository) => host.refactor.commitMessage(repository),
    "hearth.acceptEdit": (host, review) => host.reviews.accept(review),
    "hearth.discardEdit": (host, review) => host.reviews.discard(review),
    "hearth.selectModel": (host) => host.models.selectModel(),
    "hearth.selectChatModel": (host) => host.models.selectChatModel(),
    "hearth.downloadRecommendedModel": (host) => host.models.downloadRecommended(),
    "hearth.deleteModel": (host) => host.models.deleteModel(),
    "hearth.selectModelFile": async () => {
        const picked = await vscode.window.showOpenDialog({
            canSelectMany: false,
            openLabel: "Use this model",
            title: "Choose a GGUF model file for Hearth",
            filters: { "GGUF models": ["gguf"] }
        });
        if (picked?.[0]) await setModelPath(picked[0].fsPath);
    }
};

export function registerCommands(host: CommandHost): vscode.Disposable[] {
    return Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, (...args: unknown[]) => handler(host, ...args)));
}
