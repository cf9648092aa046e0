// The items of Hearth's model picker, built from what the engine reports. Pure: the controller turns them into a quick pick.
import type { EngineState, LocalModel, ModelCandidate, ModelRecommendation } from "../../engine/protocol";
import { formatBytes, formatLastUsed } from "./format";

export type PickerAction =
    | { kind: "use"; path: string; label: string }
    | { kind: "download"; uri: string; label: string; sizeBytes: number }
    | { kind: "browse" }
    | { kind: "delete" }
    | { kind: "chooseChatModel" }
    | { kind: "useCompletionModelForChat" }
    | { kind: "deleteModel"; model: LocalModel };

export interface PickerEntry {
    label: string;
    description?: string;
    detail?: string;
    /** A heading line, not a choice. */
    separator?: boolean;
    action?: PickerAction;
}

/** The model the engine runs now, as its status says. */
export interface ActiveModel {
    path: string;
    /** Its file name. */
    model?: string;
    state: EngineState;
}

export interface PickerInput {
    /** Which setting the choice goes to: `hearth.model.path` or `hearth.chat.model.path`. */
    purpose: "completion" | "chat";
    local: readonly LocalModel[];
    recommendation?: ModelRecommendation;
    /** The path the purpose's setting holds now ("" for none). */
    currentPath: string;
    /** What the engine runs (for the completion model): marked as it is, wherever its file lies. Else the setting's path is. */
    active?: ActiveModel;
    lastUsed: Readonly<Record<string, number>>;
    now: number;
}

const heading = (label: string): PickerEntry => ({ label, separator: true });

function displayName(model: LocalModel): string {
    return model.name && model.name.trim() !== "" ? model.name : model.fileName.replace(/\.gguf$/i, "");
}

/** How a model file is marked: what the engine does with it, or, while the engine says nothing, whether it is the setting's. */
function markOf(path: string, input: PickerInput): { icon: string; note: string } | undefined {
    const active = input.active;
    if (!active) return path === input.currentPath ? { icon: "$(check)", note: "in use" } : undefined;
    if (active.path !== path) return undefined;
    if (active.state === "loading") return { icon: "$(loading~spin)", note: "loading" };
    if (active.state === "error") return { icon: "$(error)", note: "failed to load" };
    return { icon: "$(check)", note: "active" };
}

function localEntry(model: LocalModel, input: PickerInput): PickerEntry {
    const mark = markOf(model.path, input);
    const facts = [model.quantization, formatBytes(model.sizeBytes)].filter(Boolean).join(" · ");
    return {
        label: `${mark?.icon ?? "$(file-binary)"} ${displayName(model)}`,
        description: mark ? `${facts} · ${mark.note}` : facts,
        detail: `${model.fileName} · ${formatLastUsed(input.lastUsed[model.path], input.now)}`,
        action: { kind: "use", path: model.path, label: displayName(model) }
    };
}

function resumeEntry(model: LocalModel, candidate: ModelCandidate | undefined): PickerEntry {
    const label = candidate?.label ?? model.fileName;
    return {
        label: `$(debug-continue) ${label}`,
        description: "download interrupted",
        detail: "Resume the download where it stopped",
        // A catalog model resumes from its pinned file, whatever URI an older Hearth started it with.
        action: { kind: "download", uri: candidate?.uri ?? model.uri!, label, sizeBytes: candidate?.fileBytes ?? model.sizeBytes }
    };
}

/** Licenses that let anyone use the model for anything; any other is named in the offer. */
const permissive = new Set(["Apache-2.0", "MIT"]);

function candidateEntry(candidate: ModelCandidate, reason: string | undefined): PickerEntry {
    const detail = [candidate.recommended ? reason : undefined, permissive.has(candidate.license) ? undefined : `License: ${candidate.license}`].filter(Boolean).join(" · ");
    return {
        label: `$(cloud-download) ${candidate.label}${candidate.recommended ? "  $(star-full) recommended" : ""}`,
        description: `${formatBytes(candidate.fileBytes)} · ${candidate.fitLabel}`,
        ...(detail ? { detail } : {}),
        action: { kind: "download", uri: candidate.uri, label: candidate.label, sizeBytes: candidate.fileBytes }
    };
}

/** The engine's model when its file is not in the models folder (a file the user browsed for), so it is shown too. */
function activeElsewhere(input: PickerInput): PickerEntry[] {
    const active = input.active;
    if (!active || active.path === "" || input.local.some((m) => m.path === active.path)) return [];
    const mark = markOf(active.path, input);
    if (!mark) return [];
    const name = active.model ?? active.path.split(/[\\/]/).pop() ?? active.path;
    return [heading("Active"), { label: `${mark.icon} ${name}`, description: mark.note, detail: active.path, action: { kind: "use", path: active.path, label: name } }];
}

/** Downloaded models (in use first, then most recently used), downloads that fit, then the other choices. */
export function pickerEntries(input: PickerInput): PickerEntry[] {
    const entries: PickerEntry[] = [];
    const candidates = input.recommendation?.candidates ?? [];
    const byUri = new Map(candidates.map((c) => [c.uri.toLowerCase(), c]));
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const candidateOf = (model: LocalModel) => (model.catalogId ? byId.get(model.catalogId) : undefined) ?? (model.uri ? byUri.get(model.uri.toLowerCase()) : undefined);
    if (input.purpose === "chat") {
        entries.push({
            label: `${input.currentPath === "" ? "$(check)" : "$(link)"} Use the completion model for chat`,
            description: input.currentPath === "" ? "in use" : "one model in memory",
            action: { kind: "useCompletionModelForChat" }
        });
    }
    const usable = input.local.filter((m) => !m.partial && !m.problem);
    const partial = input.local.filter((m) => m.partial && m.uri);
    entries.push(...activeElsewhere(input));
    if (usable.length > 0 || partial.length > 0) entries.push(heading("Downloaded"));
    const first = input.active?.path ?? input.currentPath;
    const rank = (m: LocalModel) => (m.path === first ? Infinity : input.lastUsed[m.path] ?? 0);
    for (const model of [...usable].sort((a, b) => rank(b) - rank(a) || a.fileName.localeCompare(b.fileName))) entries.push(localEntry(model, input));
    for (const model of partial) entries.push(resumeEntry(model, candidateOf(model)));
    const taken = new Set(input.local.map(candidateOf).filter((c) => c !== undefined));
    const offers = candidates.filter((c) => !c.downloadedPath && !taken.has(c) && c.fit !== "tooLarge");
    if (offers.length > 0) entries.push(heading("Download"));
    const recommendedFirst = [...offers.filter((c) => c.recommended), ...offers.filter((c) => !c.recommended)];
    for (const candidate of recommendedFirst) entries.push(candidateEntry(candidate, input.recommendation?.reason));
    entries.push(heading("Other"));
    entries.push({ label: "$(folder-opened) Browse for a GGUF file…", action: { kind: "browse" } });
    if (input.purpose === "completion") entries.push({ label: "$(comment-discussion) Choose a separate chat model…", action: { kind: "chooseChatModel" } });
    if (input.local.length > 0) entries.push({ label: "$(trash) Delete a downloaded model…", action: { kind: "delete" } });
    return entries;
}

/** Every model in the folder, finished or not, for the delete picker. */
export function deleteEntries(local: readonly LocalModel[], inUse: readonly string[]): PickerEntry[] {
    return local.map((model) => ({
        label: `$(trash) ${displayName(model)}`,
        description: [formatBytes(model.sizeBytes), model.partial ? "unfinished download" : undefined, inUse.includes(model.path) ? "in use" : undefined].filter(Boolean).join(" · "),
        detail: model.problem ?? model.fileName,
        action: { kind: "deleteModel", model }
    }));
}
