// Runs one model download in the engine behind a VS Code progress notification: percent, size, speed, Cancel.
import * as vscode from "vscode";
import { EngineErrorCode, ModelDownloadRequest, type ModelDownloadResult, type ModelDownloadWorkDone } from "../../engine/protocol";
import type { EngineClient } from "../engineClient";
import { formatBytes, progressMessage } from "./format";

export interface DownloadRequest {
    uri: string;
    label: string;
    directory: string;
    /** The user chose to download a file its server publishes no SHA-256 for. */
    allowUnverified?: boolean;
}

const cancelledCode = -32800;

function isCancelled(error: unknown, token: vscode.CancellationToken): boolean {
    return token.isCancellationRequested || (error as { code?: unknown } | undefined)?.code === cancelledCode;
}

function runWithProgress(engine: EngineClient, request: DownloadRequest): Thenable<ModelDownloadResult | "cancelled"> {
    return vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Downloading ${request.label}`, cancellable: true },
        async (progress, token) => {
            let reported = 0;
            const onProgress = (update: ModelDownloadWorkDone) => {
                if (update.kind !== "report") return;
                progress.report({ message: progressMessage(update), increment: Math.max(0, update.percentage - reported) });
                reported = Math.max(reported, update.percentage);
            };
            try {
                const params = { uri: request.uri, directory: request.directory, ...(request.allowUnverified ? { allowUnverified: true } : {}) };
                return await engine.stream(ModelDownloadRequest, params, onProgress, token);
            } catch (error) {
                if (isCancelled(error, token)) return "cancelled";
                throw error;
            }
        }
    );
}

/** Asks whether to download a file nothing can verify; nothing was fetched yet. */
async function trustUnverified(request: DownloadRequest, reason: string): Promise<boolean> {
    const choice = await vscode.window.showWarningMessage(`Download ${request.label} without a checksum?`, { modal: true, detail: reason }, "Download Anyway");
    return choice === "Download Anyway";
}

/**
 * Downloads until it succeeds or the user stops: a failure offers Retry, a cancel offers Resume (the engine keeps the
 * partial file and fetches only what is missing). Resolves with the downloaded file, or undefined.
 */
export async function downloadModel(engine: EngineClient, request: DownloadRequest, log: vscode.LogOutputChannel): Promise<ModelDownloadResult | undefined> {
    for (;;) {
        try {
            const result = await runWithProgress(engine, request);
            if (result !== "cancelled") {
                log.info(`downloaded ${request.label} to ${result.path} (${formatBytes(result.sizeBytes)}, ${formatBytes(result.resumedBytes)} resumed)`);
                return result;
            }
            const again = await vscode.window.showInformationMessage(`The download of ${request.label} is paused. Hearth keeps what it has and continues from there.`, "Resume");
            if (again !== "Resume") return undefined;
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            if ((error as { code?: unknown }).code === EngineErrorCode.DownloadUnverified && !request.allowUnverified) {
                if (!(await trustUnverified(request, message))) return undefined;
                request = { ...request, allowUnverified: true };
                continue;
            }
            log.warn(`download of ${request.uri} failed: ${message}`);
            const choice = await vscode.window.showErrorMessage(message, "Retry", "Show Log");
            if (choice === "Show Log") log.show(true);
            if (choice !== "Retry") return undefined;
        }
    }
}
