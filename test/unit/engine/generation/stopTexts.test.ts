import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StopTextScanner } from "../../../../engine/generation/stopTexts";

interface Case {
    what: string;
    stopTexts: string[];
    /** The whole generated text after each token. */
    texts: string[];
    /** The visible text after each token, then after finish() with the last text. */
    visible: string[];
    stopped: boolean;
}

const imEnd = ["<|im_end|>"];

const cases: Case[] = [
    { what: "passes text through as it grows", stopTexts: imEnd, texts: ["Hel", "Hello", "Hello world"], visible: ["Hel", "Hello", "Hello world", "Hello world"], stopped: false },
    { what: "holds back the start of a stop text, then cuts at it", stopTexts: imEnd, texts: ["Done", "Done<|im", "Done<|im_end|>", "Done<|im_end|> after"], visible: ["Done", "Done", "Done", "Done", "Done"], stopped: true },
    { what: "releases a held-back start that did not become a stop text", stopTexts: imEnd, texts: ["a <|i", "a <|item"], visible: ["a ", "a <|item", "a <|item"], stopped: false },
    { what: "releases what is held back when generation ends", stopTexts: imEnd, texts: ["x <|im"], visible: ["x ", "x <|im"], stopped: false },
    { what: "stops at the earliest of several stop texts", stopTexts: ["STOP", "END"], texts: ["one END two STOP", "one END two STOP more"], visible: ["one ", "one ", "one "], stopped: true },
    { what: "finds a stop text at the very start", stopTexts: imEnd, texts: ["<|im_end|>rest"], visible: ["", ""], stopped: true },
    { what: "cuts at a stop text that the last token completes", stopTexts: ["END"], texts: ["abc E", "abc END"], visible: ["abc ", "abc ", "abc "], stopped: true },
    { what: "ignores empty stop texts", stopTexts: ["", "<|im_end|>"], texts: ["code"], visible: ["code", "code"], stopped: false },
    { what: "waits for the rest of a character whose bytes came in two tokens", stopTexts: [], texts: ["caf\uFFFD", "café", "café!"], visible: ["caf", "café", "café!", "café!"], stopped: false },
    { what: "holds back only an incomplete character once a stop text can no longer start", stopTexts: imEnd, texts: ["ok <|", "ok <|\uFFFD"], visible: ["ok ", "ok <|", "ok <|\uFFFD"], stopped: false },
    { what: "gives out an incomplete character when generation ends on it", stopTexts: [], texts: ["x\uFFFD\uFFFD"], visible: ["x", "x\uFFFD\uFFFD"], stopped: false },
    { what: "never takes back what was shown", stopTexts: [], texts: ["abc", "abX"], visible: ["abc", "abc", "abc"], stopped: false }
];

describe("stop-text scanner", () => {
    for (const c of cases) {
        it(c.what, () => {
            const scanner = new StopTextScanner(c.stopTexts);
            const seen: string[] = [];
            let stopped = false;
            for (const text of c.texts) {
                const scanned = scanner.scan(text);
                seen.push(scanned.visible);
                stopped = scanned.stopped;
            }
            seen.push(scanner.finish(c.texts.at(-1)!));
            assert.deepEqual(seen, c.visible);
            assert.equal(stopped, c.stopped);
        });
    }
});
