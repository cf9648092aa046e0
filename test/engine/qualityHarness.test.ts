// The quality benchmark's harness (npm run bench:quality) proven on a scripted model, whose one answer is known:
// the span it knows comes back exact through Hearth and through the model alone, and every score, parse check
// and per-kind summary is what the results say.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { hearthClient, rawFimClient } from "../bench/quality/clients";
import { runClient, spansOf, type ClientRun, type CorpusFile } from "../bench/quality/harness";
import { ParseChecker } from "../bench/quality/parses";
import { spanKinds } from "../bench/quality/spans";
import { ensureModel } from "../model/cache";
import { scriptPieces } from "../model/scriptPieces";

const files: CorpusFile[] = [
    {
        name: "python/area.py",
        language: "python",
        text: 'def area(width, height):\n    if width < 0 or height < 0:\n        raise ValueError("negative size")\n    return width * height\n\n\ndef perimeter(width, height):\n    return 2 * (width + height)\n'
    },
    {
        name: "javascript/clamp.js",
        language: "javascript",
        text: 'export function clamp(value, min, max) {\n    if (min > max) {\n        throw new RangeError("min > max");\n    }\n    return Math.min(max, Math.max(min, value));\n}\n'
    }
];
const spans = spansOf(files, 2);
const textOf = (i: number) => files.find((f) => f.name === spans[i].file)!.text.slice(spans[i].start, spans[i].end);
// The model knows the first whole-lines span of the Python file.
const known = spans.findIndex((span) => span.kind === "lines" && span.file === "python/area.py");
const answer = textOf(known);

describe("quality benchmark harness", { timeout: 300_000 }, () => {
    const runs: Record<string, ClientRun> = {};
    const checker = new ParseChecker();

    before(async () => {
        const options = { modelPath: await ensureModel({ preset: "tiny", script: scriptPieces(answer) }), maxTokens: 64, contextSize: 1024 };
        for (const start of [hearthClient, rawFimClient]) {
            const client = await start(options);
            try {
                runs[start === hearthClient ? "hearth" : "raw"] = await runClient(client, files, spans, checker);
            } finally {
                await client.close();
            }
        }
    });

    it("masks spans of every kind in every file", () => {
        for (const file of files) for (const kind of spanKinds) assert.ok(spans.some((s) => s.file === file.name && s.kind === kind), `${file.name} ${kind}`);
        assert.ok(known >= 0 && answer.includes("\n"), JSON.stringify(answer));
    });

    it("gets the span the model knows exactly right, through Hearth and through the model alone", () => {
        for (const run of Object.values(runs)) {
            assert.deepEqual(run.scores[known], { kind: "lines", exact: true, firstLine: true, similarity: 1, parses: true }, run.client);
        }
    });

    it("scores the model alone by what it wrote: the one answer, inserted as it is", () => {
        const raw = runs.raw;
        spans.forEach((span, i) => {
            const file = files.find((f) => f.name === span.file)!;
            assert.equal(raw.results[i], file.text.slice(0, span.start) + answer + file.text.slice(span.end));
            assert.equal(raw.scores[i].exact, textOf(i) === answer);
        });
    });

    it("checks parsing: the Python answer breaks every JavaScript file it lands in, the original parses", () => {
        const javascript = spans.map((span, i) => i).filter((i) => spans[i].file === "javascript/clamp.js");
        assert.ok(javascript.length > 0);
        for (const i of javascript) assert.equal(runs.raw.scores[i].parses, false, runs.raw.results[i]);
        assert.deepEqual(checker.checkAll(files.map((file) => ({ language: file.language, source: file.text }))), [true, true]);
        assert.equal(runs.raw.scores[known].parses, true);
    });

    it("sums up per kind what the span scores say", () => {
        for (const run of Object.values(runs)) {
            for (const row of run.summary) {
                const mine = run.scores.filter((s) => row.kind === "all" || s.kind === row.kind);
                assert.equal(row.spans, mine.length);
                assert.equal(row.exact, mine.filter((s) => s.exact).length / mine.length);
                assert.equal(row.parses, mine.filter((s) => s.parses).length / mine.length);
            }
            assert.deepEqual(run.summary.map((r) => r.kind), [...spanKinds, "all"]);
        }
    });
});
