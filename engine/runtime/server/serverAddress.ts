// Where a role's server is, and whether Hearth may send code there: over https anywhere, over plain http only to
// this machine unless the user opted in. A workspace never decides this: the address comes from user settings.
import { EngineError } from "../../server/engineError";
import { EngineErrorCode } from "../../protocol";

export interface ServerAddress {
    /** scheme://host:port, the key its API key is kept under. */
    origin: string;
    /** The base URL without a trailing slash, e.g. `https://llm.example.com/team-a`. */
    base: string;
}

const loopbackHosts = new Set(["localhost", "[::1]", "::1"]);

export function isLoopback(hostname: string): boolean {
    return loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname.endsWith(".localhost");
}

/** The address `url` names for the setting `setting`, or an EngineError saying why Hearth will not use it. */
export function serverAddress(url: string, setting: string, allowInsecureHttp: boolean): ServerAddress {
    if (url === "") throw new EngineError(EngineErrorCode.ServerNotAllowed, `${setting} is empty: set it to the server's URL, e.g. http://localhost:8080.`);
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new EngineError(EngineErrorCode.ServerNotAllowed, `${setting} = "${url}" is not a URL: write it as http://host:port or https://host.`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
        throw new EngineError(EngineErrorCode.ServerNotAllowed, `${setting} = "${url}" must start with https:// (or http:// for a server on this machine).`);
    }
    if (parsed.username !== "" || parsed.password !== "") {
        throw new EngineError(EngineErrorCode.ServerNotAllowed, `${setting} must not carry a user name or password; set an API key with "Hearth: Set Server API Key…".`);
    }
    if (parsed.protocol === "http:" && !isLoopback(parsed.hostname) && !allowInsecureHttp) {
        throw new EngineError(
            EngineErrorCode.ServerNotAllowed,
            `Hearth sends code over plain http only to a server on this machine, not to ${parsed.host}. Use https://, or turn on hearth.server.allowInsecureHttp if this network is trusted.`
        );
    }
    const path = parsed.pathname.replace(/\/+$/, "");
    return { origin: parsed.origin, base: `${parsed.origin}${path}` };
}
