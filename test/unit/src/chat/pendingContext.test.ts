import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PendingContext } from "../../../../src/chat/pendingContext";
import { file, selection } from "./chatFakes";

const ids = (context: PendingContext) => context.attachments.map((a) => a.id);

describe("the context attached to the next message", () => {
    it("attaches a file once, however it was asked for", () => {
        const context = new PendingContext();
        assert.equal(context.attach(file("file:///w/a.ts")), true);
        assert.equal(context.attach(file("file:///w/a.ts", "editor")), false, "the open editors hold a file already attached");
        assert.equal(context.attach(file("file:///w/b.ts", "editor")), true);
        assert.equal(context.attach(file("file:///w/b.ts")), false, "a picked file already attached as an open editor");
        assert.deepEqual(ids(context), ["file:file:///w/a.ts", "editor:file:///w/b.ts"]);
    });

    it("keeps one selection chip, first, that follows the editor's selection and stays when it is emptied", () => {
        const context = new PendingContext();
        context.attach(file("file:///w/a.ts"));
        assert.equal(context.followSelection(selection("s1", "one")), true);
        assert.equal(context.followSelection(selection("s2", "two")), true);
        assert.equal(context.followSelection(undefined), false);
        assert.deepEqual(ids(context), ["s2", "file:file:///w/a.ts"]);
        assert.equal(context.followSelection(selection("s2", "two")), false, "the same selection again changes nothing");
    });

    it("does not bring back a selection the user removed until the editor's selection changes", () => {
        const context = new PendingContext();
        context.followSelection(selection("s", "one"));
        context.remove("s");
        assert.equal(context.followSelection(selection("s", "one")), false);
        assert.deepEqual(ids(context), []);
        context.followSelection(undefined);
        assert.equal(context.followSelection(selection("s", "one")), true, "selected anew, it is attached again");
    });

    it("takes an explicit selection (Explain Code) as the selection chip", () => {
        const context = new PendingContext();
        context.followSelection(selection("editor", "one"));
        context.remove("editor");
        assert.equal(context.attach(selection("explained", "two")), true);
        assert.deepEqual(ids(context), ["explained"]);
    });
});
