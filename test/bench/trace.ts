// A session in the editor as a list of steps with human timing, and the replay that drives an engine through
// it the way an editor would: documents opened, the cursor coming to rest after a jump, one change and one
// completion request per keystroke. Each engine (Hearth, llama.vscode's pattern on llama-server) is a driver.

export type Step =
    | { kind: "open"; uri: string; text: string }
    /** The cursor comes to rest at `offset` of `uri` (a click, go to definition, switching editors). */
    | { kind: "jump"; uri: string; offset: number; delayMs: number }
    /** A keystroke at the cursor: `deleteBefore` characters before it removed, `text` inserted; `pause`: the user waits for a suggestion. */
    | { kind: "edit"; deleteBefore: number; text: string; delayMs: number; pause: boolean };

export interface Trace {
    name: string;
    steps: Step[];
}

export interface Change {
    start: number;
    end: number;
    text: string;
}

export interface KeystrokeOutcome {
    /** When the suggestion (or the answer that there is none) arrived. */
    at: number;
    cacheHit: boolean;
    evaluatedTokens: number;
    promptTokens: number;
    shown: boolean;
    /** Text typed since the engine last evaluated a prompt for this document (Hearth only). */
    changedText?: string;
    /** Tokens generated and the time it took (Hearth only). */
    generated?: { tokens: number; ms: number };
}

export interface Driver {
    open(uri: string, text: string): void;
    jump(uri: string, text: string, cursor: number): void;
    /** The cursor has rested a moment since the jump, with no keystroke yet. */
    settled(uri: string, text: string, cursor: number): void;
    /** Applies a keystroke's change to `before`, giving `text`; resolves with the answer to its completion request, or undefined if it gave none. */
    keystroke(uri: string, change: Change, before: string, text: string, cursor: number): Promise<KeystrokeOutcome | undefined>;
}

export interface PauseSample extends KeystrokeOutcome {
    /** Keystroke to suggestion on screen. */
    latencyMs: number;
    /** The first pause since the cursor jumped to a new place. */
    afterJump: boolean;
}

/** How long the cursor rests before the editor says it settled (Hearth's extension waits as long). */
export const settleMs = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function traceStats(trace: Trace): { keystrokes: number; pauses: number; jumps: number; files: number } {
    const count = (kind: Step["kind"]) => trace.steps.filter((s) => s.kind === kind).length;
    return { keystrokes: count("edit"), pauses: trace.steps.filter((s) => s.kind === "edit" && s.pause).length, jumps: count("jump"), files: count("open") };
}

/**
 * The trace up to its `keystrokes`-th keystroke, for a shorter run, with the typist waiting for a suggestion after
 * the last one as at the end of every trace; all of it when `keystrokes` is undefined.
 */
export function firstKeystrokes(trace: Trace, keystrokes: number | undefined): Trace {
    let edits = 0;
    const end = keystrokes === undefined ? -1 : trace.steps.findIndex((step) => step.kind === "edit" && ++edits > keystrokes);
    if (end < 0) return trace;
    const steps = trace.steps.slice(0, end);
    const last = steps.findLastIndex((step) => step.kind === "edit");
    if (last >= 0) steps[last] = { ...(steps[last] as Extract<Step, { kind: "edit" }>), pause: true };
    return { ...trace, steps };
}

export async function replay(trace: Trace, driver: Driver): Promise<PauseSample[]> {
    const texts = new Map<string, string>();
    let uri = "";
    let cursor = 0;
    let settle: NodeJS.Timeout | undefined;
    let sinceJump = false;
    const pending: Array<Promise<unknown>> = [];
    const samples: PauseSample[] = [];
    for (const step of trace.steps) {
        if (step.kind === "open") {
            texts.set(step.uri, step.text);
            driver.open(step.uri, step.text);
            continue;
        }
        await sleep(step.delayMs);
        clearTimeout(settle);
        if (step.kind === "jump") {
            ({ uri, offset: cursor } = step);
            const text = texts.get(uri)!;
            const at = cursor;
            driver.jump(uri, text, at);
            settle = setTimeout(() => driver.settled(step.uri, text, at), settleMs);
            sinceJump = true;
            continue;
        }
        const before = texts.get(uri)!;
        const change = { start: cursor - step.deleteBefore, end: cursor, text: step.text };
        const text = before.slice(0, change.start) + step.text + before.slice(change.end);
        texts.set(uri, text);
        cursor = change.start + step.text.length;
        const sent = performance.now();
        const outcome = driver.keystroke(uri, change, before, text, cursor);
        pending.push(outcome.catch(() => undefined));
        if (!step.pause) continue;
        const answer = await outcome;
        if (answer) samples.push({ ...answer, latencyMs: answer.at - sent, afterJump: sinceJump });
        sinceJump = false;
    }
    clearTimeout(settle);
    await Promise.all(pending);
    return samples;
}
