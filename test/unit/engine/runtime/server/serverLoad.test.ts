import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ServerLoad } from "../../../../../engine/runtime/server/serverLoad";

describe("server load", () => {
    it("is not busy before it has measured anything, nor while the server generates as fast as ever", () => {
        const load = new ServerLoad();
        assert.equal(load.busy(), false);
        for (const ms of [100, 120, 90, 110]) load.note(16, ms);
        assert.equal(load.busy(), false);
    });

    it("is busy once the server generates markedly slower than the best it was seen to, and not once it is quick again", () => {
        const load = new ServerLoad();
        load.note(16, 100);
        load.note(16, 400);
        assert.equal(load.busy(), false, "one slow answer is not yet a busy server");
        load.note(16, 400);
        assert.equal(load.busy(), true);
        for (let i = 0; i < 3; i++) load.note(16, 100);
        assert.equal(load.busy(), false);
    });

    it("ignores answers too short to measure", () => {
        const load = new ServerLoad();
        load.note(16, 100);
        for (let i = 0; i < 5; i++) load.note(2, 1000);
        assert.equal(load.busy(), false);
    });

    it("takes a server that became slower for good for its new normal after a while", () => {
        const load = new ServerLoad();
        load.note(16, 100);
        for (let i = 0; i < 5; i++) load.note(16, 400);
        assert.equal(load.busy(), true);
        for (let i = 0; i < 80; i++) load.note(16, 400);
        assert.equal(load.busy(), false);
    });
});
