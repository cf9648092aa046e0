// The completion context's sequences, each holding the KV cache of one recent place in the user's code. A prompt
// goes to the sequence that already holds the longest start of it, so that jumping back to a place finds its
// cache intact; a new place takes the sequence used least recently. Background work never takes the sequence
// the latest completion used: the next keystroke most likely continues there.
import type { LlamaContextSequence, Token } from "../llama";

/** Completion prompts stay well under this many tokens, so a context this size per sequence loses nothing. */
const tokensPerPlace = 2048;
const maxPlaces = 3;

/** How the completion context's `contextSize` tokens are shared: up to three places, each of at least 2048 tokens. */
export function completionSequences(contextSize: number): { size: number; sequences: number } {
    const sequences = Math.max(1, Math.min(maxPlaces, Math.floor(contextSize / tokensPerPlace)));
    return { size: Math.floor(contextSize / sequences), sequences };
}

/** A shorter match is the FIM and BOS tokens every prompt starts with, not a place worth keeping. */
const meaningfulMatch = 16;

interface Slot {
    sequence: LlamaContextSequence;
    lastUsed: number;
}

export class SequencePool {
    private readonly slots: Slot[];
    private foreground: Slot | undefined;
    private clock = 0;

    constructor(sequences: readonly LlamaContextSequence[]) {
        this.slots = sequences.map((sequence) => ({ sequence, lastUsed: 0 }));
    }

    get size(): number {
        return this.slots.length;
    }

    /** The most tokens at the start of `tokens` that one sequence holds. */
    cachedTokens(tokens: readonly Token[]): number {
        return Math.max(0, ...this.slots.map((slot) => held(slot.sequence, tokens)));
    }

    /**
     * The sequence to evaluate `tokens` on, marked as used. A foreground job may take any sequence and becomes
     * the one background work leaves alone; background work gets undefined when no other sequence exists.
     */
    take(tokens: readonly Token[], foreground: boolean): LlamaContextSequence | undefined {
        const candidates = foreground ? this.slots : this.slots.filter((slot) => slot !== this.foreground);
        if (candidates.length === 0) return undefined;
        let best = candidates[0];
        let bestHeld = -1;
        for (const slot of candidates) {
            const count = held(slot.sequence, tokens);
            const score = count >= meaningfulMatch ? count : 0;
            if (score > bestHeld || (score === bestHeld && slot.lastUsed < best.lastUsed)) {
                best = slot;
                bestHeld = score;
            }
        }
        best.lastUsed = ++this.clock;
        if (foreground) this.foreground = best;
        return best.sequence;
    }
}

function held(sequence: LlamaContextSequence, tokens: readonly Token[]): number {
    if (sequence.nextTokenIndex === 0) return 0;
    return sequence.compareContextTokens(tokens as Token[]).firstDifferentIndex;
}
