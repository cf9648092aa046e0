import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSDOM } from "jsdom";
import { Composer } from "../../../../media/src/chat/composer";
import { chatPageHtml } from "../../../../src/chat/chatHtml";
import type { FromWebview } from "../../../../src/chat/messages";

/** The chat page's composer, with what it posts recorded, and keys pressed as a browser would dispatch them. */
function setup() {
    const dom = new JSDOM(chatPageHtml({ cspSource: "vscode-resource:", scriptUri: "chat.js", styleUris: [] }));
    const document = dom.window.document;
    const get = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
    const posted: FromWebview[] = [];
    const stops: string[] = [];
    document.addEventListener("keydown", (event) => event.key === "Escape" && stops.push("stop"));
    const elements = { input: get<HTMLTextAreaElement>("input"), send: get<HTMLButtonElement>("send"), stop: get<HTMLButtonElement>("stop"), attachments: get("attachments"), status: get("status"), menu: get("slash-menu"), editing: get("editing") };
    const composer = new Composer(elements, (message) => posted.push(message));
    const input = elements.input;
    /** Presses `key`; returns whether the page let the browser do the key's usual job. */
    const press = (key: string, init: KeyboardEventInit = {}) => input.dispatchEvent(new dom.window.KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init }));
    /** Types `text` at the caret, as the browser does after an unhandled keydown. */
    const type = (text: string) => {
        const at = input.selectionStart ?? input.value.length;
        input.value = input.value.slice(0, at) + text + input.value.slice(input.selectionEnd ?? at);
        input.setSelectionRange(at + text.length, at + text.length);
        input.dispatchEvent(new dom.window.Event("input", { bubbles: true }));
    };
    const sent = () => posted.filter((m) => m.type === "send" || m.type === "resend");
    return { composer, elements, input, posted, stops, press, type, sent };
}

describe("the message box", () => {
    it("sends on Enter and clears the box; Shift+Enter is a new line", () => {
        const { input, press, type, sent } = setup();
        type("line one");
        assert.equal(press("Enter", { shiftKey: true }), true);
        assert.deepEqual(sent(), []);
        assert.equal(press("Enter"), false);
        assert.deepEqual(sent(), [{ type: "send", text: "line one" }]);
        assert.equal(input.value, "");
    });

    it("takes the @ out once the file it opened the picker for is attached, and leaves it otherwise", () => {
        const { composer, input, press, type, posted } = setup();
        type("compare ");
        press("@");
        type("@");
        type(" with this");
        assert.deepEqual(posted.at(-1), { type: "addContext", what: "mention" });
        composer.mentionResolved(true);
        assert.equal(input.value, "compare  with this");
        assert.equal(input.selectionStart, "compare ".length);

        input.setSelectionRange(input.value.length, input.value.length);
        type(" ");
        press("@");
        type("@");
        composer.mentionResolved(false);
        assert.equal(input.value, "compare  with this @", "a picker closed without a file leaves the @ typed");
        const mentions = posted.filter((m) => m.type === "addContext").length;
        type("me");
        press("@");
        assert.equal(posted.filter((m) => m.type === "addContext").length, mentions, "an @ inside a word is just a character");
    });

    it("recalls the questions with ↑ and ↓, newest first, and gives back what was in the box", () => {
        const { composer, input, press, type } = setup();
        composer.setQuestions([{ id: "1", text: "first" }, { id: "3", text: "second" }]);
        assert.equal(press("ArrowUp"), false);
        assert.equal(input.value, "second");
        press("ArrowUp");
        assert.equal(input.value, "first");
        assert.equal(press("ArrowUp"), true, "past the oldest, the key does its usual job");
        press("ArrowDown");
        assert.equal(input.value, "second");
        press("ArrowDown");
        assert.equal(input.value, "");

        type("typed");
        assert.equal(press("ArrowUp"), true, "a message being written is not replaced");
        assert.equal(input.value, "typed");
    });

    it("edits the last question: Enter sends it again in its place, Escape cancels without stopping anything", () => {
        const { composer, elements, input, press, type, sent, stops } = setup();
        type("a draft");
        composer.setQuestions([{ id: "q1", text: "old question" }]);
        composer.startEdit("q1", "old question");
        assert.equal(elements.editing.hidden, false);
        assert.equal(input.value, "old question");
        press("Escape");
        assert.deepEqual(stops, [], "Escape cancelled the edit, it did not stop an answer");
        assert.equal(elements.editing.hidden, true);
        assert.equal(input.value, "a draft");

        composer.startEdit("q1", "old question");
        type(", better");
        press("Enter");
        assert.deepEqual(sent(), [{ type: "resend", messageId: "q1", text: "old question, better" }]);
        assert.equal(input.value, "a draft");
        assert.equal(elements.editing.hidden, true);
    });

    it("ends an edit when its question is no longer the last", () => {
        const { composer, elements } = setup();
        composer.setQuestions([{ id: "q1", text: "one" }]);
        composer.startEdit("q1", "one");
        composer.setQuestions([{ id: "q1", text: "one" }, { id: "q2", text: "two" }]);
        assert.equal(elements.editing.hidden, true);
    });

    it("offers the slash commands; Tab or Enter completes one, and Enter on a whole command sends it", () => {
        const { elements, input, press, type, sent } = setup();
        type("/");
        const options = () => Array.from(elements.menu.querySelectorAll('[role="option"]')).map((o) => `${o.querySelector(".slash-name")?.textContent}${o.getAttribute("aria-selected") === "true" ? "*" : ""}`);
        assert.equal(elements.menu.hidden, false);
        assert.deepEqual(options(), ["/explain*", "/fix", "/doc", "/tests"]);
        press("ArrowDown");
        assert.equal(input.getAttribute("aria-activedescendant"), "slash-fix");
        press("Enter");
        assert.equal(input.value, "/fix ");
        assert.equal(elements.menu.hidden, true);
        assert.deepEqual(sent(), []);

        input.value = "";
        type("/do");
        press("Tab");
        assert.equal(input.value, "/doc ");
        input.value = "";
        type("/tests");
        press("Enter");
        assert.deepEqual(sent(), [{ type: "send", text: "/tests" }]);
    });
});
