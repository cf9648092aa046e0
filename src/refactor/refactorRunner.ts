// Runs one `hearth/refactor/run` request behind a progress indicator (a cancellable notification, or the
// status bar) and hands the code to the caller as it streams in.
import * as vscode from "vscode";
import { RefactorRunRequest, type RefactorDelta, type RefactorParams, type RefactorResult } from "../../engine/protocol";
import type { StreamingEngine } from "../streamingRequest";

/** The part of the engine client refactors use. */
export type RefactorEngine = StreamingEngine;

export interface RunOptions {
    /** The progress's title, e.g. "Hearth is editing math.ts". */
    title: string;
    /** Where the progress shows; a notification (with Cancel) unless told otherwise. */
    location?: vscode.ProgressLocation;
    /** Called with the whole code so far after each delta. */
    onCode(code: string): void;
    /** Cancels the run from elsewhere (a Discard while the proposal is being written). */
    cancel?: vscode.CancellationToken;
}

export type RunOutcome = { kind: "done"; result: RefactorResult } | { kind: "cancelled" } | { kind: "failed"; message: string };

export async function runRefactor(engine: RefactorEngine, params: RefactorParams, options: RunOptions): Promise<RunOutcome> {
    return vscode.window.withProgress({ location: options.location ?? vscode.ProgressLocation.Notification, title: options.title, cancellable: true }, async (progress, userCancel) => {
        const source = new vscode.CancellationTokenSource();
        const links = [userCancel.onCancellationRequested(() => source.cancel()), options.cancel?.onCancellationRequested(() => source.cancel())];
        if (options.cancel?.isCancellationRequested) source.cancel();
        let code = "";
        let lines = 0;
        const onDelta = (delta: RefactorDelta) => {
            code = delta.codeReset ? delta.code : code + delta.code;
            options.onCode(code);
            const now = code.split("\n").length;
            if (now !== lines) progress.report({ message: `${now} line${now === 1 ? "" : "s"} so far` });
            lines = now;
        };
        try {
            return { kind: "done", result: await engine.stream(RefactorRunRequest, params, onDelta, source.token) } as const;
        } catch (error) {
            if (source.token.isCancellationRequested) return { kind: "cancelled" } as const;
            return { kind: "failed", message: error instanceof Error ? error.message : String(error) } as const;
        } finally {
            for (const link of links) link?.dispose();
            source.dispose();
        }
    });
}
