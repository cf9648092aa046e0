// The API keys the editor hands over (`hearth/serverKeys/set`), checked. A malformed message is refused with a
// reason that never quotes a key.
import type { ServerKeysParams } from "../../protocol";

export function parseServerKeys(raw: unknown): Record<string, string> {
    const keys = (raw as Partial<ServerKeysParams> | null | undefined)?.apiKeys;
    if (typeof keys !== "object" || keys === null || Array.isArray(keys)) throw new TypeError("apiKeys must be an object of origins to keys");
    const parsed: Record<string, string> = {};
    for (const [origin, key] of Object.entries(keys)) {
        if (typeof key !== "string") throw new TypeError(`the key for ${origin} must be a string`);
        let normalized: string;
        try {
            normalized = new URL(origin).origin;
        } catch {
            throw new TypeError(`${JSON.stringify(origin.slice(0, 100))} is not a server origin such as https://llm.example.com`);
        }
        if (key.trim() !== "") parsed[normalized] = key.trim();
    }
    return parsed;
}
