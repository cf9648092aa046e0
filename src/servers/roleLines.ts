// Who serves each role, in words for the status bar and its tooltip: the local model, or a server's kind, host,
// model and measured latency, and a server's problem when it has one.
import type { EngineStatus, RoleStatus } from "../../engine/protocol";

export type RoleName = "completion" | "chat";

export interface RoleLine {
    role: RoleName;
    label: "Completions" | "Chat";
    /** e.g. "llama-server · gpu-box:8080 · qwen2.5-coder-7b · 23 ms", or "local · qwen-1.5b.gguf". */
    text: string;
    problem?: string;
}

const labels: Record<RoleName, RoleLine["label"]> = { completion: "Completions", chat: "Chat" };

function hostOf(origin: string): string {
    try {
        return new URL(origin).host;
    } catch {
        return origin;
    }
}

/** A model named by a path (llama-server names it so) shows its file name. */
function shortModel(model: string): string {
    return /[\\/]/.test(model) && !/^[\w.-]+\/[\w.-]+$/.test(model) ? model.split(/[\\/]/).pop()! : model;
}

function describe(role: RoleStatus): string {
    if (role.backend === "local") return ["local", role.model].filter(Boolean).join(" · ");
    const latency = role.latencyMs === undefined ? undefined : `${Math.round(role.latencyMs)} ms`;
    return [role.backend, role.server && hostOf(role.server), role.model && shortModel(role.model), latency].filter(Boolean).join(" · ");
}

export function roleLines(status: EngineStatus | undefined): RoleLine[] {
    const roles = status?.roles;
    if (!roles) return [];
    return (["completion", "chat"] as const).map((role) => ({ role, label: labels[role], text: describe(roles[role]), ...(roles[role].problem ? { problem: roles[role].problem } : {}) }));
}

/** True when a server runs a role: then the tooltip says who serves each. */
export function usesServer(status: EngineStatus | undefined): boolean {
    return roleLines(status).some((line) => !line.text.startsWith("local"));
}

/** The first role's problem, for the status bar's label. */
export function serverProblem(status: EngineStatus | undefined): string | undefined {
    return roleLines(status).find((line) => line.problem)?.problem;
}
