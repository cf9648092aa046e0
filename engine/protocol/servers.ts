// Inference servers that run a role instead of the engine's own model: their API keys, and a fresh check of them.
import { RequestType, RequestType0 } from "vscode-languageserver-protocol";
import type { EngineStatus } from "./status";

export interface ServerKeysParams {
    /** API keys by server origin (`https://gpu.example.com:8000`); a server missing here is sent none. Replaces all keys given before. */
    apiKeys: Record<string, string>;
}

/**
 * Sent by the editor on start and whenever a key changes: the keys it keeps in its secret storage. They are never
 * settings, so no workspace can read or set one, and the engine never logs them.
 */
export namespace ServerKeysSetRequest {
    export const method = "hearth/serverKeys/set" as const;
    export const type = new RequestType<ServerKeysParams, void, void>(method);
}

/** Sent by the editor (Retry) to check every server a role uses now; answered with the status that follows. */
export namespace ServersCheckRequest {
    export const method = "hearth/servers/check" as const;
    export const type = new RequestType0<EngineStatus, void>(method);
}
