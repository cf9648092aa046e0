// The chat webview's page: a strict Content-Security-Policy with a fresh nonce for every render, and only
// the bundled script and stylesheet from the extension's media folder.
import { randomBytes } from "node:crypto";

export interface ChatPageResources {
    /** `webview.cspSource`: the origin the webview serves extension files from. */
    cspSource: string;
    scriptUri: string;
    styleUris: readonly string[];
}

function attribute(value: string): string {
    return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function newNonce(): string {
    return randomBytes(18).toString("base64");
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
    // No <base> may redirect the page's relative URLs, and no form may post anywhere.
    return `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource}; img-src ${cspSource}; font-src ${cspSource}; base-uri 'none'; form-action 'none';`;
}

export function chatPageHtml(resources: ChatPageResources, nonce = newNonce()): string {
    const csp = contentSecurityPolicy(resources.cspSource, nonce);
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${resources.styleUris.map((uri) => `<link rel="stylesheet" href="${attribute(uri)}">`).join("\n")}
<title>Hearth Chat</title>
</head>
<body>
<main id="transcript" role="log" aria-live="polite" aria-label="Conversation with Hearth" tabindex="0"></main>
<footer id="composer">
  <div id="attachments" role="list" aria-label="Context attached to the next message"></div>
  <div class="context-buttons">
    <button id="add-workspace-file" type="button" aria-label="Attach a workspace file" title="Attach a workspace file (@)">@ File</button>
    <button id="add-current-file" type="button" aria-label="Attach the current file" title="Attach the current file">Current file</button>
    <button id="add-open-editors" type="button" aria-label="Attach the open editors" title="Attach the open editors">Open editors</button>
  </div>
  <p id="editing" hidden>Editing your last message: Enter sends it in place of the old one, Escape cancels.</p>
  <ul id="slash-menu" role="listbox" aria-label="Slash commands" hidden></ul>
  <textarea id="input" rows="3" aria-label="Message to Hearth" aria-controls="slash-menu" aria-autocomplete="list" placeholder="Ask Hearth — / for commands, @ attaches a file, ↑ recalls; Enter sends, Shift+Enter adds a line"></textarea>
  <div class="send-row">
    <span id="status" role="status" aria-live="polite"></span>
    <button id="stop" type="button" aria-label="Stop the answer (Escape)" title="Stop (Escape)" hidden>Stop</button>
    <button id="send" type="button" aria-label="Send the message (Enter)" title="Send (Enter)">Send</button>
  </div>
</footer>
<script nonce="${attribute(nonce)}" src="${attribute(resources.scriptUri)}"></script>
</body>
</html>`;
}
