// Unit tests mirror the code: the test of engine/x/y.ts is test/unit/engine/x/y.test.ts, of src/x/y.ts
// test/unit/src/x/y.test.ts, of media/src/x/y.ts test/unit/media/x/y.test.ts, of scripts/y.ts
// test/unit/scripts/y.test.ts; the test tooling's own modules likewise: test/bench/x.ts at
// test/unit/bench/x.test.ts, test/model/x.ts at test/unit/model/x.test.ts.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

const root = join(__dirname, "..", "..");
const unitTests = join(root, "test", "unit");

/** Unit tests about no single module, each with what it is about instead. */
const notAboutOneModule: Record<string, string> = {
    "layout.test.ts": "this check: where the unit tests are",
    "gguf.test.ts": "the test model generator (test/model/) as a whole: the GGUF files it writes load, tokenize, fill in the middle and chat in node-llama-cpp"
};

const sourceRoots: Record<string, string> = {
    engine: "engine",
    src: "src",
    media: "media/src",
    scripts: "scripts",
    bench: "test/bench",
    model: "test/model"
};

/** The module that the unit test at `test` (relative to test/unit) tests, or undefined where no module can be. */
function moduleOf(test: string): string | undefined {
    const [top, ...rest] = test.split("/");
    const source = sourceRoots[top];
    if (source === undefined || rest.length === 0 || !test.endsWith(".test.ts")) return undefined;
    return [source, ...rest].join("/").replace(/\.test\.ts$/, ".ts");
}

function unitTestFiles(): string[] {
    return readdirSync(unitTests, { recursive: true, encoding: "utf8" })
        .map((path) => path.split("\\").join("/"))
        .filter((path) => path.endsWith(".test.ts"))
        .sort();
}

describe("unit test layout", () => {
    const cases: Array<[string, string | undefined]> = [
        ["engine/settings.test.ts", "engine/settings.ts"],
        ["engine/runtime/local/chatTemplate.test.ts", "engine/runtime/local/chatTemplate.ts"],
        ["src/chat/chatHtml.test.ts", "src/chat/chatHtml.ts"],
        ["media/chat/markdown.test.ts", "media/src/chat/markdown.ts"],
        ["scripts/startModel.test.ts", "scripts/startModel.ts"],
        ["chatMarkdown.test.ts", undefined],
        ["bench/quality/score.test.ts", "test/bench/quality/score.ts"],
        ["model/scriptPieces.test.ts", "test/model/scriptPieces.ts"],
        ["fixtures/hardware.test.ts", undefined],
        ["engine.test.ts", undefined]
    ];
    for (const [test, module] of cases) {
        it(`test/unit/${test} tests ${module ?? "no module"}`, () => assert.equal(moduleOf(test), module));
    }

    it("every unit test sits at the path of the module it tests", () => {
        const astray = unitTestFiles().filter((test) => {
            const module = moduleOf(test);
            return module === undefined ? !(test in notAboutOneModule) : !existsSync(join(root, module));
        });
        assert.deepEqual(astray, [], "move each to test/unit/<engine|src|media>/<path of its module>.test.ts");
    });

    it("every test the layout lets off exists", () => {
        const tests = new Set(unitTestFiles());
        assert.deepEqual(Object.keys(notAboutOneModule).filter((test) => !tests.has(test)), []);
    });
});
