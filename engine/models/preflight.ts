// Asks the server about a model before downloading it, with a short timeout: an offline machine, a wrong name or a
// refused connection becomes a clear error within seconds instead of a download that sits at 0%.
import { EngineError } from "../server/engineError";
import { EngineErrorCode } from "../protocol";
import { errorCode, httpStatusMessage, networkMessage, type DownloadContext } from "./downloadErrors";
import { fileUrl, manifestUrl, type ModelUri } from "./modelUri";

export interface RemoteModelFile {
    url: string;
    /** Size of the (first) file, when the server says. */
    bytes?: number;
    /** Published SHA-256 of the (first) file, when the server says (Hugging Face does for LFS files). */
    sha256?: string;
}

const timeoutMs = 15_000;

async function request(url: string, init: RequestInit, context: DownloadContext, signal: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
        return await fetch(url, { ...init, signal: AbortSignal.any([signal, timeout]) });
    } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (timeout.aborted) throw new EngineError(EngineErrorCode.DownloadFailed, `${context.host} did not answer within ${timeoutMs / 1000} seconds. Check your connection, then try again.`);
        const message = networkMessage(errorCode(error), context) ?? `Cannot reach ${context.host}: ${error instanceof Error ? error.message : String(error)}. Check your connection, then try again.`;
        throw new EngineError(EngineErrorCode.DownloadFailed, message);
    }
}

function sha256Of(value: unknown): string | undefined {
    if (typeof value !== "string") return undefined;
    const hex = value.replace(/^W\//, "").replace(/"/g, "").trim().toLowerCase();
    return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

interface Manifest {
    ggufFile?: { rfilename?: unknown; size?: unknown; lfs?: { sha256?: unknown; size?: unknown } };
}

async function resolveTag(uri: Extract<ModelUri, { kind: "hfTag" }>, endpoint: string, context: DownloadContext, signal: AbortSignal): Promise<RemoteModelFile> {
    // llama.cpp's user agent makes Hugging Face include `ggufFile` in the manifest.
    const response = await request(manifestUrl(endpoint, uri), { headers: { "User-Agent": "llama-cpp", Accept: "application/json" } }, context, signal);
    if (!response.ok) throw new EngineError(EngineErrorCode.DownloadFailed, httpStatusMessage(response.status, context));
    const manifest = (await response.json().catch(() => undefined)) as Manifest | undefined;
    const file = manifest?.ggufFile;
    if (typeof file?.rfilename !== "string") throw new EngineError(EngineErrorCode.DownloadFailed, `${context.host} has no GGUF file for ${context.uri}.`);
    const size = typeof file.size === "number" ? file.size : typeof file.lfs?.size === "number" ? file.lfs.size : undefined;
    return { url: fileUrl(endpoint, uri.user, uri.repo, file.rfilename), bytes: size, sha256: sha256Of(file.lfs?.sha256) };
}

/** Resolves the URI to its file and checks that the file is there. */
export async function preflight(uri: ModelUri, endpoint: string, context: DownloadContext, signal: AbortSignal): Promise<RemoteModelFile> {
    const resolved: RemoteModelFile =
        uri.kind === "hfTag" ? await resolveTag(uri, endpoint, context, signal) : { url: uri.kind === "url" ? uri.url : fileUrl(endpoint, uri.user, uri.repo, uri.path, uri.branch) };
    // Hugging Face answers HEAD with a redirect to its CDN that carries the file's size and SHA-256.
    const head = await request(resolved.url, { method: "HEAD", redirect: "manual", headers: { "Accept-Encoding": "identity" } }, context, signal);
    const redirected = head.status >= 300 && head.status < 400;
    if (head.status === 405 || head.status === 501) return resolved; // A server without HEAD: the download itself will tell.
    if (!head.ok && !redirected) throw new EngineError(EngineErrorCode.DownloadFailed, httpStatusMessage(head.status, context));
    const linkedSize = Number(head.headers.get("x-linked-size") ?? (redirected ? NaN : head.headers.get("content-length")));
    return {
        url: resolved.url,
        bytes: Number.isFinite(linkedSize) && linkedSize > 0 ? linkedSize : resolved.bytes,
        sha256: sha256Of(head.headers.get("x-linked-etag")) ?? resolved.sha256
    };
}
