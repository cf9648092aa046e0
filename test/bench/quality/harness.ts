// The quality benchmark's run: masked spans of the corpus files, each filled by every client, scored against the
// original file. The command line (qualityBench.ts) and its test both drive this.
import { basename } from "node:path";
import type { CompletionClient } from "./clients";
import { ParseChecker, type ParsedLanguage } from "./parses";
import { scoreSpan, summarise, type KindSummary, type SpanScore } from "./score";
import { maskSpans, type Span } from "./spans";

export interface CorpusFile {
    /** A short name, unique in the corpus (it names the span's document). */
    name: string;
    language: ParsedLanguage;
    text: string;
}

export interface ClientRun {
    client: string;
    scores: SpanScore[];
    summary: KindSummary[];
    /** The document each span ended as, in the order of `spans`. */
    results: string[];
}

export function spansOf(files: readonly CorpusFile[], perKind: number): Span[] {
    return files.flatMap((file) => maskSpans(file.name, file.text, file.language, perKind));
}

export async function runClient(client: CompletionClient, files: readonly CorpusFile[], spans: readonly Span[], checker = new ParseChecker()): Promise<ClientRun> {
    const results: string[] = [];
    for (const [index, span] of spans.entries()) {
        const file = files.find((f) => f.name === span.file)!;
        const text = file.text.slice(0, span.start) + file.text.slice(span.end);
        results.push(await client.complete({ uri: `file:///quality/${index}/${basename(file.name)}`, language: file.language, text, cursor: span.start }));
    }
    const parses = checker.checkAll(spans.map((span, i) => ({ language: files.find((f) => f.name === span.file)!.language, source: results[i] })));
    const scores = spans.map((span, i) => scoreSpan(span, files.find((f) => f.name === span.file)!.text, results[i], parses[i]));
    return { client: client.name, scores, summary: summarise(scores), results };
}
