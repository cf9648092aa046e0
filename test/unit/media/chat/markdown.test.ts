import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSDOM } from "jsdom";
import { createMarkdownRenderer, createSanitizer, fenceLanguage } from "../../../../media/src/chat/markdown";

// A page that would run any script that got through, with a trap for each kind of payload.
const dom = new JSDOM("<!DOCTYPE html><body><div id=out></div></body>", { runScripts: "dangerously" });
const window = dom.window;
const renderer = createMarkdownRenderer(window);
const sanitize = createSanitizer(window);

function mount(html: string): HTMLElement {
    const out = window.document.getElementById("out")!;
    out.innerHTML = html;
    return out;
}

/** Nothing in `root` can run code or load anything. */
function assertInert(root: HTMLElement): void {
    const all = Array.from(root.querySelectorAll("*"));
    for (const element of all) {
        const tag = element.tagName.toLowerCase();
        assert.ok(!["script", "svg", "math", "img", "iframe", "object", "embed", "style", "form", "input", "link", "meta", "base"].includes(tag), `<${tag}> survived`);
        for (const attribute of Array.from(element.attributes)) {
            assert.ok(!/^on/i.test(attribute.name), `${attribute.name} survived on <${tag}>`);
            assert.ok(!["style", "src", "srcset", "xlink:href", "action", "formaction"].includes(attribute.name), `${attribute.name} survived on <${tag}>`);
            if (attribute.name === "href") assert.match(attribute.value, /^https?:\/\//, `href ${attribute.value} survived`);
        }
    }
    assert.equal((window as unknown as { pwned?: unknown }).pwned, undefined, "a payload ran");
}

const hostileAnswers: Record<string, string> = {
    "script tag": "Here you go <script>window.pwned = 1</script> done",
    "event handler": 'Look: <img src=x onerror="window.pwned=1"> and <b onmouseover="window.pwned=1">hover</b>',
    "javascript link": "[click me](javascript:window.pwned=1) and [again](JaVaScRiPt:alert(1)) and <javascript:alert(1)>",
    "entity-encoded javascript link": "[x](&#106;avascript:window.pwned=1)",
    "data link": "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cucHduZWQ9MTwvc2NyaXB0Pg==)",
    "remote image": "![tracker](https://evil.example/pixel.png) ![inline](data:image/svg+xml;base64,PHN2Zy8+)",
    "svg payload": '<svg onload="window.pwned=1"><script>window.pwned=1</script></svg>',
    "iframe": '<iframe src="https://evil.example"></iframe><iframe srcdoc="<script>parent.pwned=1</script>"></iframe>',
    "style injection": '<style>body{display:none}</style><div style="background:url(https://evil.example)">x</div>',
    "reference link": "[ref][1]\n\n[1]: javascript:window.pwned=1",
    "html in a code block": "```html\n<script>window.pwned=1</script>\n<img src=x onerror=window.pwned=1>\n```",
    "unterminated fence": "Start\n```js\nconst x = '<img src=x onerror=window.pwned=1>';\n",
    "html block": "<div>\n<script>window.pwned=1</script>\n</div>",
    "autolink vbscript": "<vbscript:msgbox(1)> <file:///etc/passwd>"
};

describe("chat answer rendering", () => {
    for (const [name, answer] of Object.entries(hostileAnswers)) {
        it(`renders a hostile answer inert: ${name}`, () => {
            assertInert(mount(renderer.render(answer)));
        });
    }

    it("shows raw HTML from the model as text", () => {
        const root = mount(renderer.render("a <script>window.pwned = 1</script> b"));
        assert.match(root.textContent ?? "", /<script>window\.pwned = 1<\/script>/);
    });

    it("keeps http and https links, with rel=noopener", () => {
        const root = mount(renderer.render("[docs](https://example.com/a) and <http://example.org>"));
        const links = Array.from(root.querySelectorAll("a"));
        assert.deepEqual(links.map((a) => a.getAttribute("href")), ["https://example.com/a", "http://example.org"]);
        assert.ok(links.every((a) => a.getAttribute("rel") === "noopener noreferrer"));
    });

    it("renders a fenced block with highlighting and its three buttons", () => {
        const root = mount(renderer.render("Try:\n\n```typescript\nconst a: number = 1;\n```\n"));
        const block = root.querySelector(".code-block")!;
        assert.ok(block);
        assert.equal(block.querySelector("code")!.textContent, "const a: number = 1;\n");
        assert.ok(block.querySelector("code .hljs-keyword"));
        const actions = Array.from(block.querySelectorAll("button")).map((b) => [b.getAttribute("data-action"), b.getAttribute("aria-label") !== null, b.getAttribute("type")]);
        assert.deepEqual(actions, [["copy", true, "button"], ["insert", true, "button"], ["apply", true, "button"]]);
    });

    it("shows an unterminated fence (a streaming answer) as code so far", () => {
        const root = mount(renderer.render("Here:\n```python\ndef f():\n    return 1"));
        assert.equal(root.querySelector("code")!.textContent, "def f():\n    return 1");
    });

    it("keeps code text exactly, angle brackets included, for Copy and Apply", () => {
        const code = "if (a < b && c > d) { x = \"<tag>\"; }";
        const root = mount(renderer.render("```\n" + code + "\n```"));
        assert.equal(root.querySelector("code")!.textContent, code + "\n");
    });

    it("renders a 1 MB answer without losing its end", () => {
        const paragraph = "Some words of a long answer, with `code` and **bold** text. ".repeat(20) + "\n\n";
        const fence = "```js\n" + "console.log('line');\n".repeat(500) + "```\n\n";
        let answer = "";
        while (answer.length < 1_000_000) answer += paragraph + fence;
        answer += "THE END";
        const root = mount(renderer.render(answer));
        assert.match(root.textContent ?? "", /THE END\s*$/);
        assert.equal(root.querySelectorAll(".code-block").length, (answer.match(/```js/g) ?? []).length);
        assertInert(root);
    });

    it("accepts only plain identifiers as fence languages", () => {
        assert.equal(fenceLanguage("TypeScript {.line-numbers}"), "typescript");
        assert.equal(fenceLanguage('js" onmouseover="x'), "js");
        assert.equal(fenceLanguage(""), "");
        const root = mount(renderer.render('```js" onmouseover="window.pwned=1\nx\n```'));
        assertInert(root);
    });
});

describe("chat sanitiser on raw HTML", () => {
    const raw: Record<string, string> = {
        script: "<script>window.pwned=1</script><p>ok</p>",
        "img onerror": '<img src="x" onerror="window.pwned=1">',
        "svg onload": '<svg xmlns="http://www.w3.org/2000/svg" onload="window.pwned=1"><circle r="5"/></svg>',
        "svg use": '<svg><use href="data:image/svg+xml;base64,PHN2Zy8+#x"/></svg>',
        "javascript href": '<a href="javascript:window.pwned=1">x</a><a href=" javascript:alert(1)">y</a>',
        "data href": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        "mathml": '<math><mtext><table><mglyph><style><img src=x onerror=window.pwned=1></style></mglyph></table></mtext></math>',
        "form action": '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
        "mutation xss": '<noscript><p title="</noscript><img src=x onerror=window.pwned=1>">',
        "button with handler": '<button type="button" data-action="copy" onclick="window.pwned=1">Copy</button>'
    };
    for (const [name, html] of Object.entries(raw)) {
        it(`removes ${name}`, () => assertInert(mount(sanitize(html))));
    }

    it("keeps the allowed structure", () => {
        const root = mount(sanitize('<p class="x">a <strong>b</strong> <a href="https://e.com">c</a></p><button type="button" data-action="copy" aria-label="Copy">Copy</button>'));
        assert.ok(root.querySelector("p.x strong"));
        assert.equal(root.querySelector("button")!.getAttribute("data-action"), "copy");
        assert.equal(root.querySelector("button")!.getAttribute("aria-label"), "Copy");
    });
});
