import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RequestPacer } from "../../../../engine/completion/requestPacer";

/** A pacer that saw keystrokes `gaps` milliseconds apart. */
function typed(gaps: number[]): RequestPacer {
    const pacer = new RequestPacer();
    let now = 10_000;
    pacer.keystroke(now);
    for (const gap of gaps) pacer.keystroke((now += gap));
    return pacer;
}

describe("completion request pacer", () => {
    it("holds nothing before it knows both the typing pace and how long answers take", () => {
        assert.equal(new RequestPacer().holdMs(), 0);
        assert.equal(typed([100, 100, 100, 100]).holdMs(), 0, "no answer measured yet");
        const pacer = typed([100, 100]);
        pacer.answered(800);
        assert.equal(pacer.holdMs(), 0, "two intervals are not a pace");
    });

    it("holds a request for one and a half typing intervals while answers take longer than the typing", () => {
        const pacer = typed([100, 200, 150, 150]);
        pacer.answered(600);
        assert.equal(pacer.slowerThanTyping(), true);
        assert.equal(pacer.holdMs(), 225);
    });

    it("never holds when the backend answers within the typing interval", () => {
        const pacer = typed([150, 150, 150, 150]);
        pacer.answered(120);
        assert.equal(pacer.slowerThanTyping(), false);
        assert.equal(pacer.holdMs(), 0);
    });

    it("counts pauses as pauses, not as slow typing, and never holds longer than 400 ms", () => {
        const pacer = typed([100, 100, 5000, 100, 100]);
        pacer.answered(2000);
        assert.equal(pacer.holdMs(), 150, "the 5 s pause is not an interval");
        const slow = typed([900, 900, 900, 900]);
        slow.answered(5000);
        assert.equal(slow.holdMs(), 400);
    });

    it("follows a server that gets quicker: after a few fast answers it holds nothing", () => {
        const pacer = typed([150, 150, 150, 150]);
        pacer.answered(1000);
        assert.ok(pacer.holdMs() > 0);
        for (let i = 0; i < 8; i++) pacer.answered(50);
        assert.equal(pacer.holdMs(), 0);
    });

    it("forgets how long answers took when the backend changes, and holds nothing until the new one has answered", () => {
        const pacer = typed([150, 150, 150, 150]);
        pacer.answered(1000);
        pacer.forgetAnswers();
        assert.equal(pacer.holdMs(), 0);
        pacer.answered(100);
        assert.equal(pacer.slowerThanTyping(), false, "only the new backend's answer counts");
    });

    it("follows the user's pace from the most recent keystrokes", () => {
        const pacer = typed([...Array<number>(16).fill(300), ...Array<number>(16).fill(100)]);
        pacer.answered(1000);
        assert.equal(pacer.holdMs(), 150);
    });
});
