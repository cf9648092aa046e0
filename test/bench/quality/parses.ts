// Whether a completed file still parses: Python with `ast.parse` (one python3 process for a whole batch), JavaScript
// with `node --check`. Results are kept by content, so the many files equal to the original are checked once.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type ParsedLanguage = "python" | "javascript";

const pythonCheck = `
import ast, json, sys
results = []
for source in json.load(sys.stdin):
    try:
        ast.parse(source)
        results.append(True)
    except Exception:
        results.append(False)
print(json.dumps(results))
`;

export class ParseChecker {
    private readonly known = new Map<string, boolean>();

    /** Whether each source parses, in order. */
    checkAll(items: ReadonlyArray<{ language: ParsedLanguage; source: string }>): boolean[] {
        const keyOf = (item: { language: ParsedLanguage; source: string }) => createHash("sha1").update(item.language).update("\0").update(item.source).digest("hex");
        const fresh = new Map<string, { language: ParsedLanguage; source: string }>();
        for (const item of items) if (!this.known.has(keyOf(item))) fresh.set(keyOf(item), item);
        const python = [...fresh].filter(([, item]) => item.language === "python");
        pythonParses(python.map(([, item]) => item.source)).forEach((ok, i) => this.known.set(python[i][0], ok));
        for (const [key, item] of fresh) if (item.language === "javascript") this.known.set(key, javascriptParses(item.source));
        return items.map((item) => this.known.get(keyOf(item))!);
    }
}

function pythonParses(sources: string[]): boolean[] {
    if (sources.length === 0) return [];
    const run = spawnSync("python3", ["-c", pythonCheck], { input: JSON.stringify(sources), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`python3 could not check the sources: ${run.stderr || run.error?.message}`);
    return JSON.parse(run.stdout) as boolean[];
}

function javascriptParses(source: string): boolean {
    const dir = mkdtempSync(join(tmpdir(), "hearth-parse-"));
    try {
        // An ES module parses as one, anything else as CommonJS.
        const file = join(dir, /^\s*(import|export)\s/m.test(source) ? "file.mjs" : "file.cjs");
        writeFileSync(file, source);
        return spawnSync(process.execPath, ["--check", file], { stdio: "ignore" }).status === 0;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
