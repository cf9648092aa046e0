// `npm run bench:quality`: how much of what a model knows reaches the user through Hearth. Masks spans of the
// files a memorising model was trained on, fills each through Hearth as VS Code asks, through the same model
// alone (plain FIM, greedy, nothing cut) and, with LLAMA_SERVER set, through llama.vscode's /infill request,
// and reports per kind of span: exact match, first line right, edit similarity, and whether the file parses.
//
//   npm run bench:quality -- [--model FILE] [--corpus DIR] [--per-kind N] [--max-tokens N] [--context N]
//
// The model defaults to HEARTH_QUALITY_MODEL, else shared/models/hearth-memo-coder.gguf in the nearest folder
// above this checkout that has one (../shared/models beside it), the corpus to the memo-corpus folder beside the model, else the one in shared/models.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { hearthClient, llamaServerClient, rawFimClient, type ClientOptions, type CompletionClient } from "./clients";
import { runClient, spansOf, type ClientRun, type CorpusFile } from "./harness";
import { ParseChecker } from "./parses";
import { formatSummary } from "./score";

const repoRoot = resolve(__dirname, "..", "..", "..");
/** shared/models/ in the nearest folder above the checkout that has it; ../shared/models when none does. */
function sharedModels(): string {
    for (let dir = dirname(repoRoot); dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, "shared", "models"))) return join(dir, "shared", "models");
    return join(repoRoot, "..", "shared", "models");
}

const corpusLanguages = { python: "python", javascript: "javascript" } as const;

function options() {
    const { values } = parseArgs({
        options: { model: { type: "string" }, corpus: { type: "string" }, "per-kind": { type: "string" }, "max-tokens": { type: "string" }, context: { type: "string" } },
        strict: true
    });
    const model = resolve(values.model ?? process.env.HEARTH_QUALITY_MODEL ?? join(sharedModels(), "hearth-memo-coder.gguf"));
    return {
        model,
        corpus: resolve(values.corpus ?? [join(dirname(model), "memo-corpus"), join(sharedModels(), "memo-corpus")].find((dir) => existsSync(dir)) ?? join(dirname(model), "memo-corpus")),
        perKind: Number(values["per-kind"] ?? 20),
        maxTokens: Number(values["max-tokens"] ?? 128),
        contextSize: Number(values.context ?? 1024)
    };
}

/** The corpus's `python/` and `javascript/` files, read where they are. */
function readCorpus(dir: string): CorpusFile[] {
    return Object.entries(corpusLanguages).flatMap(([folder, language]) =>
        existsSync(join(dir, folder)) ? readdirSync(join(dir, folder)).sort().map((name) => ({ name: `${folder}/${name}`, language, text: readFileSync(join(dir, folder, name), "utf8") })) : []
    );
}

async function measure(start: () => Promise<CompletionClient>, files: CorpusFile[], spans: ReturnType<typeof spansOf>, checker: ParseChecker): Promise<ClientRun> {
    const client = await start();
    const started = performance.now();
    try {
        const run = await runClient(client, files, spans, checker);
        process.stdout.write(`\n${formatSummary(`${run.client} (${((performance.now() - started) / 1000).toFixed(0)} s)`, run.summary)}\n`);
        return run;
    } finally {
        await client.close();
    }
}

async function main(): Promise<void> {
    const o = options();
    if (!existsSync(o.model)) {
        process.stderr.write(`No model at ${o.model}. The quality benchmark needs the memorising model (see ../shared/models/README.md); pass another with --model FILE or HEARTH_QUALITY_MODEL.\n`);
        process.exit(2);
    }
    const files = readCorpus(o.corpus);
    if (files.length === 0) {
        process.stderr.write(`No corpus files under ${o.corpus}/python or ${o.corpus}/javascript; pass the folder with --corpus DIR.\n`);
        process.exit(2);
    }
    const spans = spansOf(files, o.perKind);
    process.stdout.write(`model ${o.model}\n${spans.length} spans in ${files.length} files, at most ${o.maxTokens} tokens each, context ${o.contextSize}\n`);
    const checker = new ParseChecker();
    const clientOptions: ClientOptions = { modelPath: o.model, maxTokens: o.maxTokens, contextSize: o.contextSize };
    const hearth = await measure(() => hearthClient(clientOptions), files, spans, checker);
    const raw = await measure(() => rawFimClient(clientOptions), files, spans, checker);
    if (process.env.LLAMA_SERVER) await measure(() => llamaServerClient(process.env.LLAMA_SERVER!, clientOptions), files, spans, checker);
    else process.stdout.write("\n(set LLAMA_SERVER=/path/to/llama-server to add llama.vscode's /infill request on llama-server)\n");
    const lost = spans.filter((_, i) => raw.scores[i].exact && !hearth.scores[i].exact);
    process.stdout.write(`\nspans the model alone gets exactly right and Hearth does not: ${lost.length}\n`);
    for (const span of lost.slice(0, 5)) process.stdout.write(`  ${span.file} ${span.kind} at ${span.start}: ${JSON.stringify(files.find((f) => f.name === span.file)!.text.slice(span.start, span.end).slice(0, 80))}\n`);
}

main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
