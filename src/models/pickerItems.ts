// The items of Hearth's model picker, built from what the engine reports. Pure: the controller turns them into a quick pick.
import type { LocalModel, ModelCandidate, ModelRecommendation } from "../../engine/protocol";
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

export interface PickerInput {
    /** Which setting the choice goes to: `hearth.model.path` or `hearth.chat.model.path`. */
    purpose: "completion" | "chat";
    local: readonly LocalModel[];
    recommendation?: ModelRecommendation;
    /** The path the purpose's setting holds now ("" for none). */
    currentPath: string;
    lastUsed: Readonly<Record<string, number>>;
    now: number;
}

const heading = (label: string): PickerEntry => ({ label, separator: true });

function displayName(model: LocalModel): string {
    return model.name && model.name.trim() !== "" ? model.name : model.fileName.replace(/\.gguf$/i, "");
}

function localEntry(model: LocalModel, input: PickerInput): PickerEntry {
    const current = model.path === input.currentPath;
    const facts = [model.quantization, formatBytes(model.sizeBytes)].filter(Boolean).join(" · ");
    return {
        label: `${current ? "$(check)" : "$(file-binary)"} ${displayName(model)}`,
        description: current ? `${facts} · in use` : facts,
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
        action: { kind: "download", uri: model.uri!, label, sizeBytes: candidate?.fileBytes ?? model.sizeBytes }
    };
}

function candidateEntry(candidate: ModelCandidate, reason: string | undefined): PickerEntry {
    return {
        label: `$(cloud-download) ${candidate.label}${candidate.recommended ? "  $(star-full) recommended" : ""}`,
        description: `${formatBytes(candidate.fileBytes)} · ${candidate.fitLabel}`,
        ...(candidate.recommended && reason ? { detail: reason } : {}),
        action: { kind: "download", uri: candidate.uri, label: candidate.label, sizeBytes: candidate.fileBytes }
    };
}

/** Downloaded models (in use first, then most recently used), downloads that fit, then the other choices. */
export function pickerEntries(input: PickerInput): PickerEntry[] {
    const entries: PickerEntry[] = [];
    const candidates = input.recommendation?.candidates ?? [];
    const byUri = new Map(candidates.map((c) => [c.uri.toLowerCase(), c]));
    if (input.purpose === "chat") {
        entries.push({
            label: `${input.currentPath === "" ? "$(check)" : "$(link)"} Use the completion model for chat`,
            description: input.currentPath === "" ? "in use" : "one model in memory",
            action: { kind: "useCompletionModelForChat" }
        });
    }
    const usable = input.local.filter((m) => !m.partial && !m.problem);
    const partial = input.local.filter((m) => m.partial && m.uri);
    if (usable.length > 0 || partial.length > 0) entries.push(heading("Downloaded"));
    const rank = (m: LocalModel) => (m.path === input.currentPath ? Infinity : input.lastUsed[m.path] ?? 0);
    for (const model of [...usable].sort((a, b) => rank(b) - rank(a) || a.fileName.localeCompare(b.fileName))) entries.push(localEntry(model, input));
    for (const model of partial) entries.push(resumeEntry(model, byUri.get(model.uri!.toLowerCase())));
    const taken = new Set(input.local.map((m) => m.uri?.toLowerCase()).filter(Boolean));
    const offers = candidates.filter((c) => !c.downloadedPath && !taken.has(c.uri.toLowerCase()) && c.fit !== "tooLarge");
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
