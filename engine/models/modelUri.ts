// The model URIs Hearth accepts, as node-llama-cpp reads them, and the Hugging Face URLs behind them.

export type ModelUri =
    | { kind: "hfTag"; user: string; repo: string; tag: string }
    | { kind: "hfFile"; user: string; repo: string; path: string; branch: string }
    | { kind: "url"; url: string };

/** True for a URL Hearth may download from: https, or plain http to this machine only (a local mirror, tests). */
export function isTrustedTransport(url: string): boolean {
    try {
        const { protocol, hostname } = new URL(url);
        return protocol === "https:" || (protocol === "http:" && /^(localhost|127(\.\d+){3}|\[::1\])$/i.test(hostname));
    } catch {
        return false;
    }
}

/** Parses `hf:user/repo:TAG`, `hf:user/repo/path/file.gguf[#branch]` or an http(s) URL; undefined for anything else. */
export function parseModelUri(uri: string): ModelUri | undefined {
    const text = uri.trim();
    if (/^https?:\/\//i.test(text)) {
        try {
            return isTrustedTransport(text) ? { kind: "url", url: new URL(text).href } : undefined;
        } catch {
            return undefined;
        }
    }
    const hf = /^(?:hf|huggingface):(?:\/\/)?(.*)$/i.exec(text);
    if (!hf) return undefined;
    const [user, second, ...rest] = hf[1].split("/");
    if (!user || !second) return undefined;
    if (rest.length === 0) {
        const [repo, tag = "latest"] = second.split(":");
        if (!repo || !tag) return undefined;
        return { kind: "hfTag", user, repo, tag };
    }
    const [path, branch = "main"] = rest.join("/").split("#");
    if (!path || !path.toLowerCase().endsWith(".gguf")) return undefined;
    return { kind: "hfFile", user, repo: second, path, branch };
}

function base(endpoint: string): string {
    return endpoint.endsWith("/") ? endpoint : `${endpoint}/`;
}

const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

/** The manifest that names a quantisation's file, as llama.cpp and node-llama-cpp ask for it. */
export function manifestUrl(endpoint: string, uri: Extract<ModelUri, { kind: "hfTag" }>): string {
    return `${base(endpoint)}v2/${encodeURIComponent(uri.user)}/${encodeURIComponent(uri.repo)}/manifests/${encodeURIComponent(uri.tag)}`;
}

export function fileUrl(endpoint: string, user: string, repo: string, path: string, branch = "main"): string {
    return `${base(endpoint)}${encodeURIComponent(user)}/${encodeURIComponent(repo)}/resolve/${encodeURIComponent(branch)}/${encodePath(path)}`;
}

/** The host a user would recognise in an error message. */
export function hostOf(uri: ModelUri, endpoint: string): string {
    try {
        return new URL(uri.kind === "url" ? uri.url : endpoint).host;
    } catch {
        return endpoint;
    }
}
