// Hearth's settings, read in one place. The engine sanitises them again; here they are only read and written.
import * as vscode from "vscode";

export const section = "hearth";

/** The `hearth` section as VS Code holds it, sent to the engine as it is. */
export function rawSettings(): Record<string, unknown> {
    const config = vscode.workspace.getConfiguration(section);
    const read = (key: string) => config.get(key);
    return {
        model: {
            path: expandHome(String(read("model.path") ?? "")),
            contextSize: read("model.contextSize"),
            gpuLayers: read("model.gpuLayers"),
            threads: read("model.threads"),
            huggingFaceEndpoint: read("model.huggingFaceEndpoint"),
            unloadAfterMinutes: read("model.unloadAfterMinutes")
        },
        completion: {
            enabled: read("completion.enabled"),
            maxTokens: read("completion.maxTokens")
        },
        chat: {
            systemPrompt: read("chat.systemPrompt"),
            contextSize: read("chat.contextSize"),
            maxTokens: read("chat.maxTokens"),
            temperature: read("chat.temperature"),
            model: { path: expandHome(String(read("chat.model.path") ?? "")) }
        }
    };
}

/** Tokens of chat context (the engine clamps it too); the panel sizes attachments from it. */
export function chatContextSize(): number {
    const value = vscode.workspace.getConfiguration(section).get<number>("chat.contextSize");
    return typeof value === "number" && Number.isFinite(value) && value >= 512 ? value : 4096;
}

export function modelPath(): string {
    return expandHome(vscode.workspace.getConfiguration(section).get<string>("model.path") ?? "");
}

export async function setModelPath(path: string): Promise<void> {
    await vscode.workspace.getConfiguration(section).update("model.path", path, vscode.ConfigurationTarget.Global);
}

export function chatModelPath(): string {
    return expandHome(vscode.workspace.getConfiguration(section).get<string>("chat.model.path") ?? "");
}

/** An empty path makes the completion model answer chats too. */
export async function setChatModelPath(path: string): Promise<void> {
    await vscode.workspace.getConfiguration(section).update("chat.model.path", path, vscode.ConfigurationTarget.Global);
}

function expandHome(path: string): string {
    if (path.startsWith("~/")) return `${process.env.HOME ?? ""}${path.slice(1)}`;
    return path;
}
