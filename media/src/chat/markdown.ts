// Renders a model's answer, which is untrusted text, as HTML: markdown-it with raw HTML off, links only to
// http(s), no images; then DOMPurify with a short allow-list, so nothing that could run survives either layer.
import createDOMPurify, { type Config, type WindowLike } from "dompurify";
import hljs from "highlight.js/lib/common";
import MarkdownIt from "markdown-it";

export interface MarkdownRenderer {
    /** Sanitised HTML for `markdown`; safe to assign to innerHTML. */
    render(markdown: string): string;
}

/** Code highlighted per answer; past it blocks stay plain, which keeps a huge answer from stalling the view. */
const highlightBudgetChars = 60_000;

const safeUrl = /^https?:\/\//i;

const sanitizerConfig: Config = {
    ALLOWED_TAGS: [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "span", "div", "button"
    ],
    ALLOWED_ATTR: ["href", "title", "class", "type", "start", "data-action", "aria-label"],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: safeUrl,
    // Attributes whose values are words, not addresses: without this they would be held to the URL pattern.
    ADD_URI_SAFE_ATTR: ["type", "start", "data-action", "aria-label"],
    FORBID_TAGS: ["style", "script", "svg", "math", "img", "iframe", "object", "embed", "form", "input", "textarea", "select", "link", "meta", "base"],
    FORBID_ATTR: ["style", "srcset", "src", "action", "formaction", "xlink:href"]
};

function escapeHtml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The fence's language as a plain identifier ("ts", "c++", "objective-c"), or "" when it has none. */
export function fenceLanguage(info: string): string {
    return (info.trim().split(/\s+/)[0] ?? "").replace(/[^\w+#.-]/g, "").slice(0, 32).toLowerCase();
}

function highlighted(code: string, language: string, highlight: boolean): string {
    if (highlight && language !== "" && hljs.getLanguage(language)) {
        try {
            return hljs.highlight(code, { language, ignoreIllegals: true }).value;
        } catch {
            // Fall through to plain text.
        }
    }
    return escapeHtml(code);
}

function actionButton(action: string, text: string, label: string): string {
    return `<button type="button" class="code-action" data-action="${action}" aria-label="${label}" title="${label}">${text}</button>`;
}

export function codeBlockHtml(code: string, language: string, highlight = true): string {
    const languageClass = language === "" ? "" : ` language-${escapeHtml(language)}`;
    return (
        `<div class="code-block"><div class="code-toolbar"><span class="code-language">${escapeHtml(language || "text")}</span>` +
        actionButton("copy", "Copy", "Copy the code") +
        actionButton("insert", "Insert at cursor", "Insert the code at the cursor") +
        actionButton("apply", "Apply to file", "Apply the code to the file, after a diff") +
        `</div><pre><code class="hljs${languageClass}">${highlighted(code, language, highlight)}</code></pre></div>\n`
    );
}

/** The second layer on its own: whatever HTML it is given, only the allow-list survives. */
export function createSanitizer(window: WindowLike): (html: string) => string {
    const purify = createDOMPurify(window);
    purify.addHook("afterSanitizeAttributes", (node) => {
        if (node.nodeName === "A") node.setAttribute("rel", "noopener noreferrer");
    });
    return (html) => purify.sanitize(html, { ...sanitizerConfig, RETURN_TRUSTED_TYPE: false });
}

export function createMarkdownRenderer(window: WindowLike): MarkdownRenderer {
    const sanitize = createSanitizer(window);
    const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
    md.disable("image");
    md.validateLink = (url: string) => safeUrl.test(url.trim());
    let highlightLeft = 0;
    const block = (code: string, language: string) => {
        const highlight = code.length <= highlightLeft;
        if (highlight) highlightLeft -= code.length;
        return codeBlockHtml(code, language, highlight);
    };
    md.renderer.rules.fence = (tokens, index) => block(tokens[index].content, fenceLanguage(tokens[index].info));
    md.renderer.rules.code_block = (tokens, index) => block(tokens[index].content, "");
    return {
        render(markdown: string): string {
            highlightLeft = highlightBudgetChars;
            return sanitize(md.render(markdown));
        }
    };
}
