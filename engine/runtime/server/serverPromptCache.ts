// What a server's prompt cache probably holds of a completion prompt. llama-server keeps each slot's last prompt
// (and hands a request the slot whose prompt shares most with it); vLLM keeps prefixes. Hearth cannot ask, so it
// remembers the last prompts the server evaluated whole and takes the longest start one of them shares with the
// new prompt. An estimate, used to choose a layout the user need not wait for, never for correctness.

/** About as many prompts as a server keeps slots for one developer's recent places. */
const kept = 4;

export class ServerPromptCache {
    private readonly prompts: string[] = [];

    /** The server evaluated all of `prompt`. */
    evaluated(prompt: string): void {
        const known = this.prompts.findIndex((each) => prompt.startsWith(each) || each.startsWith(prompt));
        if (known >= 0) this.prompts.splice(known, 1);
        this.prompts.push(prompt);
        if (this.prompts.length > kept) this.prompts.shift();
    }

    /** Characters at the start of `prompt` the server probably has in a cache. */
    cachedChars(prompt: string): number {
        let best = 0;
        for (const each of this.prompts) best = Math.max(best, commonStart(each, prompt));
        return best;
    }
}

function commonStart(a: string, b: string): number {
    const length = Math.min(a.length, b.length);
    let i = 0;
    while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    return i;
}
