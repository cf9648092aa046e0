import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSDOM } from "jsdom";
import { createMarkdownRenderer } from "../../../../media/src/chat/markdown";
import { Transcript, type Schedule } from "../../../../media/src/chat/transcript";
import type { Conversation } from "../../../../src/chat/messages";

function setup() {
    const dom = new JSDOM("<!DOCTYPE html><body><main id=t></main></body>");
    const root = dom.window.document.getElementById("t")!;
    const scheduled: Array<() => void> = [];
    const schedule: Schedule = (callback) => void scheduled.push(callback);
    const transcript = new Transcript(root, createMarkdownRenderer(dom.window), schedule);
    return { dom, root, transcript, scheduled };
}

const conversation: Conversation = {
    id: "c1",
    title: "t",
    createdAt: 1,
    updatedAt: 1,
    messages: [
        {
            id: "u1",
            role: "user",
            text: "What is <b>this</b>? **not bold**",
            status: "done",
            createdAt: 1,
            attachments: [{ id: "a", kind: "selection", label: "math.ts:3-4", uri: "file:///w/math.ts", source: "math.ts", language: "typescript", text: "x", cut: "cut to its first 1 of 9 lines to fit the context budget" }]
        },
        { id: "m1", role: "assistant", text: "", status: "streaming", createdAt: 2 }
    ]
};

describe("chat transcript", () => {
    it("shows the user's message as plain text with its attachments", () => {
        const { root, transcript } = setup();
        transcript.show(conversation);
        const user = root.querySelector('[data-message-id="u1"]')!;
        assert.equal(user.querySelector(".message-body")!.textContent, "What is <b>this</b>? **not bold**");
        assert.equal(user.querySelector("b"), null);
        assert.match(user.querySelector(".message-attachments")!.textContent, /math\.ts:3-4 \(cut to its first 1 of 9 lines/);
    });

    it("streams an answer token by token, rendering on the scheduled frame", () => {
        const { root, transcript, scheduled } = setup();
        transcript.show(conversation);
        for (const piece of ["Use ", "`x`", " like:\n\n```ts\nconst", " y = 1;"]) transcript.append("c1", "m1", piece);
        assert.equal(scheduled.length, 1, "one render for a burst of deltas");
        scheduled.shift()!();
        const body = root.querySelector('[data-message-id="m1"] .message-body')!;
        assert.match(body.textContent, /Use x like:/);
        assert.equal(body.querySelector("code.hljs")!.textContent, "const y = 1;");
        transcript.append("c1", "m1", "\n```\nDone.");
        scheduled.shift()!();
        assert.match(body.textContent, /Done\.\s*$/);
        assert.equal(transcript.textOf("m1"), "Use `x` like:\n\n```ts\nconst y = 1;\n```\nDone.");
    });

    it("ignores deltas for another conversation or message", () => {
        const { transcript, scheduled } = setup();
        transcript.show(conversation);
        transcript.append("other", "m1", "x");
        transcript.append("c1", "nope", "x");
        assert.equal(scheduled.length, 0);
        assert.equal(transcript.textOf("m1"), "");
    });

    it("shows notes, stops, interruptions and errors as text", () => {
        const { root, transcript } = setup();
        transcript.show({
            ...conversation,
            messages: [
                { id: "a", role: "assistant", text: "partial", status: "error", error: "<img src=x onerror=alert(1)> engine stopped", notes: ["The conversation is longer than the model's context."], createdAt: 1 },
                { id: "b", role: "assistant", text: "half", status: "interrupted", createdAt: 2 },
                { id: "c", role: "assistant", text: "some", status: "stopped", createdAt: 3 }
            ]
        });
        assert.match(root.querySelector('[data-message-id="a"] .message-note')!.textContent, /longer than the model's context/);
        const error = root.querySelector('[data-message-id="a"] .message-error')!;
        assert.equal(error.getAttribute("role"), "alert");
        assert.equal(error.querySelector("img"), null);
        assert.match(root.querySelector('[data-message-id="b"] .message-status')!.textContent, /Interrupted/);
        assert.match(root.querySelector('[data-message-id="c"] .message-status')!.textContent, /Stopped/);
    });

    it("says an answer cut short kept what arrived only when something did", () => {
        const { root, transcript } = setup();
        const status = (id: string) => root.querySelector(`[data-message-id="${id}"] .message-status`)?.textContent ?? null;
        transcript.show({
            ...conversation,
            messages: [
                { id: "a", role: "assistant", text: "", status: "interrupted", createdAt: 1 },
                { id: "b", role: "assistant", text: "half", status: "interrupted", createdAt: 2 },
                { id: "c", role: "assistant", text: "", status: "stopped", createdAt: 3 },
                { id: "d", role: "assistant", text: "", status: "error", error: "The Hearth engine stopped before it answered.", createdAt: 4 }
            ]
        });
        assert.equal(status("a"), "Interrupted: the window closed while this answer arrived.");
        assert.equal(status("b"), "Interrupted: the window closed while this answer arrived. What arrived is kept.");
        assert.equal(status("c"), "Stopped.");
        assert.equal(status("d"), null, "an error says what happened itself");
        assert.equal(root.querySelector('[data-message-id="d"] .message-error')!.textContent, "The Hearth engine stopped before it answered.");
    });

    it("offers Edit on the last question and Retry on the last answer, once nothing streams", () => {
        const { root, transcript } = setup();
        const actions = () => Array.from(root.querySelectorAll("button[data-message-action]")).map((b) => `${b.closest("article")!.getAttribute("data-message-id")}:${b.getAttribute("data-message-action")}`);
        const turns: Conversation = {
            ...conversation,
            messages: [
                { id: "u1", role: "user", text: "one", status: "done", createdAt: 1 },
                { id: "a1", role: "assistant", text: "A1", status: "done", createdAt: 2 },
                { id: "u2", role: "user", text: "two", status: "done", createdAt: 3 },
                { id: "a2", role: "assistant", text: "", status: "error", error: "The Hearth engine stopped before it answered.", createdAt: 4 }
            ]
        };
        transcript.show(turns);
        assert.deepEqual(actions(), ["u2:edit", "a2:retry"]);
        for (const button of Array.from(root.querySelectorAll("button"))) assert.ok(button.getAttribute("aria-label"));
        transcript.show({ ...turns, messages: [...turns.messages.slice(0, 3), { id: "a2", role: "assistant", text: "…", status: "streaming", createdAt: 4 }] }, true);
        assert.deepEqual(actions(), []);
    });

    it("invites a first question in an empty chat", () => {
        const { root, transcript } = setup();
        transcript.show({ ...conversation, messages: [] });
        assert.match(root.textContent, /Ask Hearth/);
    });
});
