import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSDOM } from "jsdom";
import { chatPageHtml, contentSecurityPolicy } from "../../../../src/chat/chatHtml";

describe("chat page", () => {
    const resources = { cspSource: "https://file+.vscode-resource.vscode-cdn.net", scriptUri: "https://x/media/build/chat.js", styleUris: ["https://x/media/chat.css", "https://x/media/composer.css"] };

    it("has a strict CSP with a fresh nonce on every render", () => {
        const first = chatPageHtml(resources);
        const second = chatPageHtml(resources);
        const nonce = (html: string) => /script-src 'nonce-([^']+)'/.exec(html)![1];
        assert.notEqual(nonce(first), nonce(second));
        assert.ok(nonce(first).length >= 16);
        const dom = new JSDOM(first);
        const csp = dom.window.document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")!;
        assert.equal(csp, contentSecurityPolicy(resources.cspSource, nonce(first)));
        assert.match(csp, /^default-src 'none'; script-src 'nonce-[^']+'; style-src \S+; img-src \S+; font-src \S+; base-uri 'none'; form-action 'none';$/);
        assert.doesNotMatch(csp, /unsafe|\*/);
        const scripts = Array.from(dom.window.document.querySelectorAll("script"));
        assert.equal(scripts.length, 1);
        assert.equal(scripts[0].getAttribute("nonce"), nonce(first));
        assert.equal(scripts[0].getAttribute("src"), resources.scriptUri);
        assert.deepEqual(Array.from(dom.window.document.querySelectorAll('link[rel="stylesheet"]')).map((link) => link.getAttribute("href")), resources.styleUris);
    });

    it("labels its controls and announces the conversation", () => {
        const document = new JSDOM(chatPageHtml(resources)).window.document;
        const log = document.getElementById("transcript")!;
        assert.equal(log.getAttribute("role"), "log");
        assert.equal(log.getAttribute("aria-live"), "polite");
        for (const button of Array.from(document.querySelectorAll("button"))) assert.ok(button.getAttribute("aria-label"), `${button.id} has no label`);
        assert.ok(document.getElementById("input")!.getAttribute("aria-label"));
        assert.equal(document.querySelectorAll("[style], [onclick], [onload]").length, 0);
    });
});
