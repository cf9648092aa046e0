// The question before Hearth loads a model file that a workspace's settings name (see modelPathGate.ts).
import * as vscode from "vscode";
import type { ModelPathKey } from "../config";
import type { WorkspaceModelAnswer } from "./modelPathGate";

export async function askToLoadWorkspaceModel(key: ModelPathKey, path: string): Promise<WorkspaceModelAnswer | undefined> {
    const load = "Load It";
    const ignore = "Don't Load";
    const choice = await vscode.window.showWarningMessage(
        `This workspace's settings ask Hearth to load the model file ${path} (hearth.${key}). Load it? Hearth remembers your answer for this file.`,
        load,
        ignore
    );
    return choice === load ? "load" : choice === ignore ? "ignore" : undefined;
}
