// Hearth's model commands: the picker, downloading the recommended model, a separate chat model, deleting models,
// and the first-run notice. The engine does the work; this is the VS Code side.
import * as vscode from "vscode";
import { ModelDeleteRequest, ModelListRequest, ModelRecommendRequest, ModelRetryLoadRequest, type LocalModel, type ModelRecommendation } from "../../engine/protocol";
import { chatModelPath, modelPath, setChatModelPath, setModelPath } from "../config";
import type { EngineClient } from "../engineClient";
import type { EngineStateView } from "../engineState";
import { downloadModel } from "./downloadFlow";
import { FirstRunNotice } from "./firstRun";
import { formatBytes } from "./format";
import { ModelSwitch } from "./modelSwitch";
import { deleteEntries, pickerEntries, type ActiveModel, type PickerAction, type PickerEntry } from "./pickerItems";

type Purpose = "completion" | "chat";
const lastUsedKey = "hearth.models.lastUsed";

function toQuickPickItem(entry: PickerEntry): vscode.QuickPickItem & { action?: PickerAction } {
    if (entry.separator) return { label: entry.label, kind: vscode.QuickPickItemKind.Separator };
    return { label: entry.label, description: entry.description, detail: entry.detail, action: entry.action };
}

export class ModelsController implements vscode.Disposable {
    private readonly firstRun: FirstRunNotice;
    private readonly subscription: { dispose(): void };
    private readonly switcher: ModelSwitch;

    constructor(
        private readonly context: vscode.ExtensionContext,
        private readonly engine: EngineClient,
        private readonly engineState: EngineStateView,
        private readonly log: vscode.LogOutputChannel
    ) {
        this.firstRun = new FirstRunNotice(context.globalState);
        this.subscription = engineState.onDidChange(() => this.onStatusChanged());
        this.switcher = new ModelSwitch(engineState, {
            setPath: (path) => setModelPath(path),
            loaded: (label) => void vscode.window.showInformationMessage(`Hearth now uses ${label}.`),
            failed: async (label, reason, previous) => {
                const back = previous ? `Use ${previous} Again` : undefined;
                const choice = await vscode.window.showErrorMessage(`Hearth could not load ${label}. ${reason ?? ""}`.trim(), ...(back ? [back] : []), "Show Log");
                if (choice === "Show Log") log.show(true);
                return choice !== undefined && choice === back;
            }
        });
    }

    /** Where downloaded models live: the extension's global storage, so they survive updates and serve every workspace. */
    get directory(): string {
        return vscode.Uri.joinPath(this.context.globalStorageUri, "models").fsPath;
    }

    private onStatusChanged(): void {
        const status = this.engineState.status;
        if (status?.state === "ready" && status.path) void this.noteUse(status.path);
        if (status?.state === "noModel") void this.firstRun.maybeShow({ downloadRecommended: () => this.downloadRecommended(), browse: () => this.browse("completion") });
    }

    async selectModel(purpose: Purpose = "completion"): Promise<void> {
        const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { action?: PickerAction }>();
        pick.title = purpose === "chat" ? "Hearth: model for chat" : "Hearth: model for completion and chat";
        pick.placeholder = "Looking at this machine and the models folder…";
        pick.matchOnDescription = true;
        pick.busy = true;
        pick.show();
        const chosen = new Promise<PickerAction | undefined>((resolve) => {
            pick.onDidAccept(() => resolve(pick.selectedItems[0]?.action));
            pick.onDidHide(() => resolve(undefined));
        });
        try {
            const [local, recommendation] = await Promise.all([this.listLocal(), this.recommendation()]);
            const entries = pickerEntries({
                purpose,
                local,
                recommendation,
                currentPath: purpose === "chat" ? chatModelPath() : modelPath(),
                ...(purpose === "completion" ? { active: this.activeModel() } : {}),
                lastUsed: this.lastUsed(),
                now: Date.now()
            });
            pick.items = entries.map(toQuickPickItem);
            pick.placeholder = recommendation ? `${recommendation.hardware.backend} · ${formatBytes(recommendation.hardware.unifiedMemory ? recommendation.hardware.vramTotal : recommendation.hardware.ramTotal)} memory — choose a model` : "Choose a model";
        } catch (error) {
            pick.placeholder = `Could not ask the engine: ${error instanceof Error ? error.message : String(error)}`;
            pick.items = pickerEntries({ purpose, local: [], currentPath: "", lastUsed: {}, now: Date.now() }).map(toQuickPickItem);
        } finally {
            pick.busy = false;
        }
        const action = await chosen;
        pick.dispose();
        if (action) await this.act(action, purpose);
    }

    selectChatModel(): Promise<void> {
        return this.selectModel("chat");
    }

    async downloadRecommended(): Promise<void> {
        const recommendation = await this.recommendation();
        const candidate = recommendation?.candidates.find((c) => c.id === recommendation.recommendedId);
        if (!recommendation || !candidate) {
            const choice = await vscode.window.showWarningMessage(recommendation?.reason ?? "Hearth could not ask the engine about this machine.", "Use a GGUF file…");
            if (choice) await this.browse("completion");
            return;
        }
        if (candidate.downloadedPath) {
            await this.use(candidate.downloadedPath, candidate.label, "completion");
            return;
        }
        const go = await vscode.window.showInformationMessage(
            `Download ${candidate.label} (${formatBytes(candidate.fileBytes)})?`,
            { modal: true, detail: `${recommendation.reason}\n\nIt is saved in ${this.directory}.` },
            "Download"
        );
        if (go === "Download") await this.download(candidate.uri, candidate.label, "completion");
    }

    async deleteModel(): Promise<void> {
        const local = await this.listLocal().catch((error: unknown) => {
            void vscode.window.showErrorMessage(`Could not list the models: ${error instanceof Error ? error.message : String(error)}`);
            return undefined;
        });
        if (!local) return;
        if (local.length === 0) {
            void vscode.window.showInformationMessage(`There are no downloaded models in ${this.directory}.`);
            return;
        }
        const picked = await vscode.window.showQuickPick(deleteEntries(local, [modelPath(), chatModelPath()]).map(toQuickPickItem), { title: "Hearth: delete a downloaded model" });
        if (picked?.action?.kind !== "deleteModel") return;
        const model = picked.action.model;
        const ok = await vscode.window.showWarningMessage(`Delete ${model.fileName} (${formatBytes(model.sizeBytes)})?`, { modal: true }, "Delete");
        if (ok !== "Delete") return;
        await this.release(model);
        try {
            const { deletedFiles } = await this.engine.modelRequest(ModelDeleteRequest.type, { directory: this.directory, path: model.path });
            void vscode.window.showInformationMessage(`Deleted ${model.fileName} (${deletedFiles.length} file${deletedFiles.length === 1 ? "" : "s"}, ${formatBytes(model.sizeBytes)}).`);
        } catch (error) {
            void vscode.window.showErrorMessage(`Could not delete ${model.fileName}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    /** hearth.selectModelFile: a GGUF file from disk becomes the model. */
    async chooseModelFile(): Promise<void> {
        const picked = await vscode.window.showOpenDialog({
            canSelectMany: false,
            openLabel: "Use this model",
            title: "Choose a GGUF model file for Hearth",
            filters: { "GGUF models": ["gguf"] }
        });
        if (picked?.[0]) await this.use(picked[0].fsPath, picked[0].path.split("/").pop() ?? "the model", "completion");
    }

    /** Loads, if the user confirms, a model the engine refuses because loading it ended an earlier engine. */
    async retryLoad(): Promise<void> {
        const status = this.engineState.status;
        const path = status?.endedEngine && status.path ? status.path : chatModelPath();
        if (!path) {
            void vscode.window.showInformationMessage("Hearth has not refused any model file.");
            return;
        }
        const name = path.split(/[\\/]/).pop();
        // The status names a refused completion model; a refused chat model is known only from its chat's error.
        const known = status?.endedEngine === true;
        const again = "If loading it ends the engine again, Hearth refuses the file again; nothing else is affected.";
        const choice = await vscode.window.showWarningMessage(
            known ? `Loading ${name} ended Hearth's engine last time.` : `Load the chat model ${name} again?`,
            { modal: true, detail: known ? `The file may be damaged, or too large for this machine's memory. ${again}` : again },
            "Load Anyway",
            "Choose Another Model"
        );
        if (choice === "Choose Another Model") return this.selectModel(known ? "completion" : "chat");
        if (choice !== "Load Anyway") return;
        const { retried } = await this.engine.modelRequest(ModelRetryLoadRequest.type, { path });
        if (!retried) void vscode.window.showInformationMessage(`Hearth had not refused ${name}.`);
    }

    async browse(purpose: Purpose): Promise<void> {
        if (purpose === "completion") return this.chooseModelFile();
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: "Use for chat", title: "Choose a GGUF model file for Hearth's chat", filters: { "GGUF models": ["gguf"] } });
        if (picked?.[0]) await this.use(picked[0].fsPath, picked[0].path.split("/").pop() ?? "the model", "chat");
    }

    private async act(action: PickerAction, purpose: Purpose): Promise<void> {
        switch (action.kind) {
            case "use":
                return this.use(action.path, action.label, purpose);
            case "download":
                return this.download(action.uri, action.label, purpose);
            case "browse":
                return this.browse(purpose);
            case "delete":
                return this.deleteModel();
            case "chooseChatModel":
                return this.selectModel("chat");
            case "useCompletionModelForChat":
                await setChatModelPath("");
                return;
            case "deleteModel":
                return;
        }
    }

    private async download(uri: string, label: string, purpose: Purpose): Promise<void> {
        const result = await downloadModel(this.engine, { uri, label, directory: this.directory }, this.log);
        if (result) await this.use(result.path, label, purpose);
    }

    /** The chat model loads on the next question; the completion model at once, and the user hears how that went. */
    private async use(path: string, label: string, purpose: Purpose): Promise<void> {
        const previous = purpose === "chat" ? chatModelPath() : modelPath();
        if (purpose === "chat") await setChatModelPath(path);
        else if (path !== previous) await this.switcher.switchTo(path, label, previous);
        await this.noteUse(path);
        if (purpose === "chat" || path === previous) void vscode.window.showInformationMessage(purpose === "chat" ? `Hearth's chat now uses ${label}.` : `Hearth now uses ${label}.`);
    }

    /** The model the engine runs (or loads, or failed to load), as its status says. */
    private activeModel(): ActiveModel | undefined {
        const status = this.engineState.status;
        return status?.path ? { path: status.path, model: status.model, state: status.state } : undefined;
    }

    /** Stops using a model that is about to be deleted, and waits until the engine has let go of it. */
    private async release(model: LocalModel): Promise<void> {
        if (chatModelPath() === model.path) await setChatModelPath("");
        if (modelPath() !== model.path) return;
        const released = new Promise<void>((resolve) => {
            const timer = setTimeout(() => done(), 10_000);
            const subscription = this.engineState.onDidChange(() => {
                const status = this.engineState.status;
                if (status && (status.path !== model.path || status.state === "noModel")) done();
            });
            const done = () => {
                clearTimeout(timer);
                subscription.dispose();
                resolve();
            };
        });
        await setModelPath("");
        if (this.engineState.status?.path === model.path) await released;
    }

    private async listLocal(): Promise<LocalModel[]> {
        return (await this.engine.modelRequest(ModelListRequest.type, { directory: this.directory })).models;
    }

    private async recommendation(): Promise<ModelRecommendation | undefined> {
        try {
            return await this.engine.modelRequest(ModelRecommendRequest.type, { directory: this.directory });
        } catch (error) {
            this.log.warn(`model recommendation failed: ${error instanceof Error ? error.message : String(error)}`);
            return undefined;
        }
    }

    private lastUsed(): Record<string, number> {
        return this.context.globalState.get<Record<string, number>>(lastUsedKey) ?? {};
    }

    private async noteUse(path: string): Promise<void> {
        const entries = Object.entries({ ...this.lastUsed(), [path]: Date.now() }).sort((a, b) => b[1] - a[1]).slice(0, 50);
        await this.context.globalState.update(lastUsedKey, Object.fromEntries(entries));
    }

    dispose(): void {
        this.subscription.dispose();
        this.switcher.dispose();
    }
}
