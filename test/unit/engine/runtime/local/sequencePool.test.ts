import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LlamaContextSequence, Token } from "../../../../../engine/runtime/llama";
import { completionSequences, SequencePool } from "../../../../../engine/runtime/local/sequencePool";

/** Just enough of a sequence: the tokens it holds. */
function sequence(held: Token[]): LlamaContextSequence & { held: Token[] } {
    const fake = {
        held,
        get nextTokenIndex() {
            return fake.held.length;
        },
        compareContextTokens(tokens: Token[]) {
            let i = 0;
            while (i < fake.held.length && fake.held[i] === tokens[i]) i++;
            return { firstDifferentIndex: i };
        }
    };
    return fake as unknown as LlamaContextSequence & { held: Token[] };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => (from + i) as Token);
const tokens = (...values: number[]) => values as Token[];

describe("completion sequences", () => {
    it("shares the context among up to three places of at least 2048 tokens", () => {
        assert.deepEqual(completionSequences(2048), { size: 2048, sequences: 1 });
        assert.deepEqual(completionSequences(4096), { size: 2048, sequences: 2 });
        assert.deepEqual(completionSequences(8192), { size: 2730, sequences: 3 });
        assert.deepEqual(completionSequences(32768), { size: 10922, sequences: 3 });
    });

    it("gives a prompt the sequence holding the longest start of it", () => {
        const a = sequence(range(0, 100));
        const b = sequence(range(1000, 100));
        const pool = new SequencePool([a, b]);
        assert.equal(pool.take([...range(1000, 50), ...tokens(7)], true), b);
        assert.equal(pool.take([...range(0, 100), ...tokens(8, 9)], true), a);
        assert.equal(pool.cachedTokens(range(1000, 60)), 60);
    });

    it("gives a new place the sequence used least recently, never for a match of a few tokens", () => {
        const a = sequence([...tokens(1, 2), ...range(0, 40)]);
        const b = sequence([...tokens(1, 2), ...range(500, 40)]);
        const c = sequence([]);
        const pool = new SequencePool([a, b, c]);
        pool.take(a.held, true);
        pool.take(b.held, true);
        pool.take(c.held, true);
        assert.equal(pool.take([...tokens(1, 2), ...range(900, 40)], true), a, "the oldest place makes room, though b shares two tokens too");
    });

    it("keeps background work off the sequence the latest completion used", () => {
        const a = sequence(range(0, 100));
        const b = sequence([]);
        const pool = new SequencePool([a, b]);
        pool.take(a.held, true);
        assert.equal(pool.take(range(0, 100), false), b, "even though a holds the prompt");
        assert.equal(new SequencePool([a]).take(range(0, 10), true), a);
        const single = new SequencePool([a]);
        single.take(a.held, true);
        assert.equal(single.take(range(0, 10), false), undefined, "with one sequence there is no room for background work");
    });
});
