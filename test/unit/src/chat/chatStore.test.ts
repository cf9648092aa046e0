import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ChatStore, maxConversations } from "../../../../src/chat/chatStore";
import { MemoryState } from "./chatFakes";

describe("chat store", () => {
    it("keeps at most the newest conversations", async () => {
        const state = new MemoryState();
        const store = new ChatStore(state);
        for (let i = 0; i < maxConversations + 3; i++) await store.save({ id: `c${i}`, title: `${i}`, createdAt: i, updatedAt: i, messages: [] });
        assert.equal(store.list().length, maxConversations);
        assert.equal(store.load("c0"), undefined);
        assert.ok(store.load(`c${maxConversations + 2}`));
    });
});
