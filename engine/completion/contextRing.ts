// A ring of recently seen code from the user's other documents: chunks around where they edited, opened or
// saved. Completions put them ahead of the current file so the model knows nearby names. A chunk is read from
// its lines alone, each cut short, so a huge document costs no more than a small one.
import { basename } from "node:path";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ExtraChunk } from "./promptBuilder";

const chunkLines = 48;
const maxChunks = 16;
/** A longer line (minified code, data) is cut: what a chunk shows of it is its start. */
const maxLineChars = 240;
/** Long enough for any path a person types; a longer name is cut from its start. */
const maxNameChars = 120;

interface Chunk extends ExtraChunk {
    uri: string;
    startLine: number;
}

export class ContextRing {
    private chunks: Chunk[] = [];

    /** Records the lines around `line` of a document. */
    note(document: TextDocument, line: number): void {
        const { uri } = document;
        const startLine = Math.max(0, Math.min(line - chunkLines / 2, document.lineCount - chunkLines));
        const chunkText = linesOf(document, startLine, startLine + chunkLines);
        if (chunkText.trim().length < 16) return;
        // One chunk per region: a new chunk replaces any overlapping one from the same document.
        this.chunks = this.chunks.filter((c) => c.text !== chunkText && !(c.uri === uri && Math.abs(c.startLine - startLine) < chunkLines));
        this.chunks.push({ uri, startLine, name: nameOf(uri), text: chunkText });
        if (this.chunks.length > maxChunks) this.chunks.shift();
    }

    /** Notes the lines around `line` unless a chunk of this document already covers them: cheap per keystroke. */
    touch(document: TextDocument, line: number): void {
        const covered = this.chunks.some((c) => c.uri === document.uri && line >= c.startLine && line < c.startLine + chunkLines);
        if (!covered) this.note(document, line);
    }

    /** The last line noted for a document, for chunks taken when it is saved. */
    lastLine(uri: string): number {
        return [...this.chunks].reverse().find((c) => c.uri === uri)?.startLine ?? 0;
    }

    forget(uri: string): void {
        this.chunks = this.chunks.filter((c) => c.uri !== uri);
    }

    /** The chunks of documents other than `uri`, most recent last. */
    chunksExcept(uri: string): ExtraChunk[] {
        return this.chunks.filter((c) => c.uri !== uri).map(({ name, text }) => ({ name, text }));
    }
}

/** Lines `from` to `to` (exclusive) of the document, each cut to `maxLineChars`. */
function linesOf(document: TextDocument, from: number, to: number): string {
    const lines: string[] = [];
    for (let line = from; line < Math.min(to, document.lineCount); line++) lines.push(document.getText({ start: { line, character: 0 }, end: { line, character: maxLineChars } }));
    return lines.join("\n");
}

function nameOf(uri: string): string {
    let name: string;
    try {
        name = basename(decodeURIComponent(new URL(uri).pathname));
    } catch {
        name = basename(uri);
    }
    return name.slice(-maxNameChars);
}
