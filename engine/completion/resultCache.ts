// Suggestions by the text around the cursor. When a suggestion is stored, the contexts the user reaches by
// typing its characters are stored too, so typing through a suggestion needs no model work.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Suggestion } from "./postprocess/finish";

const beforeChars = 2048;
const afterChars = 1024;

function key(uri: string, before: string, after: string): string {
    return createHash("sha1")
        .update(uri).update("\u0000")
        .update(before.slice(-beforeChars)).update("\u0000")
        .update(after.slice(0, afterChars))
        .digest("base64");
}

export class ResultCache {
    private readonly cache = new LRUCache<string, Suggestion>({ max: 2000 });

    get(uri: string, before: string, after: string): Suggestion | undefined {
        return this.cache.get(key(uri, before, after));
    }

    /**
     * Stores `suggestion` for the context and for every point reached by typing a prefix of it; typing leaves the
     * text after the cursor, which the rest of the suggestion still replaces. Nothing is stored for no suggestion.
     */
    set(uri: string, before: string, after: string, suggestion: Suggestion | undefined): void {
        const { text, replace } = suggestion ?? { text: "", replace: 0 };
        if (text.trim() === "") return;
        before = before.slice(-beforeChars);
        for (let typed = 0; typed < text.length; typed++) {
            const rest = text.slice(typed);
            if (rest.trim() === "") break;
            this.cache.set(key(uri, before + text.slice(0, typed), after), { text: rest, replace });
        }
    }

    clear(): void {
        this.cache.clear();
    }
}
