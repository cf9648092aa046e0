// A ring of recently seen code from the user's other documents: chunks around where they edited, opened or
// saved. Completions put them ahead of the current file so the model knows nearby names.
import { basename } from "node:path";
import type { ExtraChunk } from "./promptBuilder";

const chunkLines = 48;
const maxChunks = 16;

interface Chunk extends ExtraChunk {
    uri: string;
    startLine: number;
}

export class ContextRing {
    private chunks: Chunk[] = [];

    /** Records the lines around `line` of a document. */
    note(uri: string, text: string, line: number): void {
        const lines = text.split("\n");
        const startLine = Math.max(0, Math.min(line - chunkLines / 2, lines.length - chunkLines));
        const chunkText = lines.slice(startLine, startLine + chunkLines).join("\n");
        if (chunkText.trim().length < 16) return;
        // One chunk per region: a new chunk replaces any overlapping one from the same document.
        this.chunks = this.chunks.filter((c) => c.text !== chunkText && !(c.uri === uri && Math.abs(c.startLine - startLine) < chunkLines));
        this.chunks.push({ uri, startLine, name: nameOf(uri), text: chunkText });
        if (this.chunks.length > maxChunks) this.chunks.shift();
    }

    /** Notes the lines around `line` unless a chunk of this document already covers them: cheap per keystroke. */
    touch(uri: string, text: string, line: number): void {
        const covered = this.chunks.some((c) => c.uri === uri && line >= c.startLine && line < c.startLine + chunkLines);
        if (!covered) this.note(uri, text, line);
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

function nameOf(uri: string): string {
    try {
        return basename(decodeURIComponent(new URL(uri).pathname));
    } catch {
        return basename(uri);
    }
}
