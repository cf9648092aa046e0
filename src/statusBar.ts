// The status bar item: what the engine is doing, at a glance, with details and actions in the tooltip. It is the
// item's only writer: it shows the engine state it follows, and the last completion's latency.
import * as vscode from "vscode";
import type { CompletionStats } from "../engine/protocol";
import type { ClientState, EngineStateView } from "./engineState";
import { roleLines, serverProblem, usesServer } from "./servers/roleLines";

export class StatusBar implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem("hearth.status", vscode.StatusBarAlignment.Right, 100);
    private readonly subscription: { dispose(): void };
    private lastLatencyMs: number | undefined;

    constructor(private readonly engine: EngineStateView) {
        this.item.name = "Hearth";
        this.render();
        this.item.show();
        this.subscription = engine.onDidChange(() => this.render());
    }

    private get state(): ClientState {
        return this.engine.value;
    }

    completion(stats: CompletionStats, latencyMs: number): void {
        this.lastLatencyMs = latencyMs;
        if (!stats.cacheHit) this.render();
    }

    private render(): void {
        const { text, label, command, error } = this.describe();
        // A role whose server cannot serve: the engine still runs, so a warning, not an error.
        const problem = this.state.kind === "engine" && !error ? serverProblem(this.state.status) : undefined;
        this.item.text = problem ? text.replace("$(flame)", "$(warning)") : text;
        this.item.accessibilityInformation = { label: problem ? `${label}. ${problem}` : label };
        this.item.command = command;
        this.item.backgroundColor = error ? new vscode.ThemeColor("statusBarItem.errorBackground") : problem ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
        this.item.tooltip = this.tooltip(label);
    }

    private describe(): { text: string; label: string; command: string; error: boolean } {
        const state = this.state;
        if (state.kind === "restarting") return { text: "$(sync~spin) Hearth: restarting", label: "Hearth: the engine stopped and is restarting", command: "hearth.showLog", error: false };
        if (state.kind === "stopped") return { text: "$(error) Hearth: stopped", label: `Hearth: stopped. ${state.message}`, command: "hearth.restartEngine", error: true };
        const s = state.status;
        switch (s.state) {
            case "starting":
                return { text: "$(loading~spin) Hearth: starting", label: "Hearth: starting the engine", command: "hearth.showLog", error: false };
            case "loading": {
                const percent = Math.round((s.progress ?? 0) * 100);
                const why = s.note ? ` ${s.note}` : "";
                return { text: `$(loading~spin) Hearth: loading ${percent}%`, label: `Hearth: loading model ${s.model ?? ""} ${percent}%.${why}`, command: "hearth.showLog", error: false };
            }
            case "ready": {
                const latency = this.lastLatencyMs === undefined ? "" : ` · ${formatMs(this.lastLatencyMs)}`;
                const serving = s.model ? `${s.model} on ${s.backend}` : roleLines(s).map((line) => `${line.label.toLowerCase()} on ${line.text}`).join(", ");
                return { text: `$(flame) Hearth${latency}`, label: `Hearth: ready, ${serving}`, command: "hearth.showLog", error: false };
            }
            case "idle":
                return { text: "$(flame) Hearth: idle", label: `Hearth: ${s.message ?? "the model was unloaded while idle; it loads again on the next request."}`, command: "hearth.showLog", error: false };
            case "noModel":
                return { text: "$(circle-slash) Hearth: no model", label: "Hearth: no model configured. Click to download one or choose a GGUF file.", command: "hearth.selectModel", error: false };
            case "error":
                return { text: "$(error) Hearth: error", label: `Hearth: error. ${s.message ?? ""} Click to open the log.`, command: "hearth.showLog", error: true };
        }
    }

    private tooltip(label: string): vscode.MarkdownString {
        const md = new vscode.MarkdownString(undefined, true);
        md.isTrusted = { enabledCommands: ["hearth.showLog", "hearth.restartEngine", "hearth.selectModel", "hearth.setServerApiKey"] };
        md.appendText(label);
        if (this.state.kind === "engine" && usesServer(this.state.status)) {
            md.appendMarkdown("\n\n| | |\n|---|---|");
            for (const line of roleLines(this.state.status)) md.appendMarkdown(`\n| ${line.label} | ${escape(line.text)}${line.problem ? ` $(warning) ${escape(line.problem)}` : ""} |`);
        }
        if (this.state.kind === "engine" && this.state.status.state === "ready" && this.state.status.model) {
            const s = this.state.status;
            md.appendMarkdown(`\n\n| | |\n|---|---|\n| Model | ${escape(s.model)} |`);
            if (s.quantization) md.appendMarkdown(`\n| Quantisation | ${escape(s.quantization)} |`);
            md.appendMarkdown(`\n| Backend | ${s.backend} |\n| GPU layers | ${s.gpuLayers ?? 0} |\n| Context | ${s.contextSize ?? ""} tokens |`);
            if (s.ramBytes !== undefined || s.vramBytes !== undefined) md.appendMarkdown(`\n| Memory | ${memoryText(s.vramBytes ?? 0, s.ramBytes ?? 0)} |`);
            if (this.lastLatencyMs !== undefined) md.appendMarkdown(`\n| Last completion | ${formatMs(this.lastLatencyMs)} |`);
            if (s.note) md.appendMarkdown(`\n\n$(warning) ${escape(s.note)}`);
        }
        md.appendMarkdown("\n\n[$(output) Log](command:hearth.showLog) · [$(debug-restart) Restart](command:hearth.restartEngine) · [$(file) Model…](command:hearth.selectModel)");
        if (this.state.kind === "engine" && usesServer(this.state.status)) md.appendMarkdown(" · [$(key) Server API Key…](command:hearth.setServerApiKey)");
        return md;
    }

    dispose(): void {
        this.subscription.dispose();
        this.item.dispose();
    }
}

function formatMs(ms: number): string {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function memoryText(vramBytes: number, ramBytes: number): string {
    const gb = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`);
    return vramBytes > 0 ? `${gb(vramBytes)} VRAM, ${gb(ramBytes)} RAM` : `${gb(ramBytes)} RAM`;
}

function escape(text: string | undefined): string {
    return (text ?? "").replace(/[\\`*_{}[\]()#+\-.!|<>]/g, "\\$&");
}
