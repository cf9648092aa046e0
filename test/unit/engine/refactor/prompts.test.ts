import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { refactorPrompt } from "../../../../engine/refactor/prompts";
import type { RefactorParams } from "../../../../engine/protocol";

const code = "export function add(a: number, b: number): number {\n    return a + b;\n}";

function params(overrides: Partial<RefactorParams>): RefactorParams {
    return { command: "edit", code, languageId: "typescript", fileName: "src/math.ts", instruction: "rename add to sum", ...overrides };
}

describe("refactor prompts", () => {
    it("edit: the selection, its context for reference, the instruction, and an answer opened with a fence", () => {
        const prompt = refactorPrompt(params({ before: "import x from 'x';", after: "// end" }));
        assert.match(prompt.system, /code only/);
        assert.match(prompt.user, /Code just before the selection, for reference only:\n```ts\nimport x from 'x';\n```/);
        assert.match(prompt.user, /Code just after the selection, for reference only:\n```ts\n\/\/ end\n```/);
        assert.ok(prompt.user.includes(`The selected code, from \`src/math.ts\` (TypeScript):\n\`\`\`ts\n${code}\n\`\`\``));
        assert.match(prompt.user, /Rewrite the selected code as follows: rename add to sum/);
        assert.equal(prompt.answerPrefix, "```ts\n");
    });

    it("edit: leaves out empty context sections", () => {
        const prompt = refactorPrompt(params({ before: "", after: "  \n" }));
        assert.doesNotMatch(prompt.user, /for reference only/);
    });

    it("fix: lists each diagnostic with its line in the selection, severity and source", () => {
        const prompt = refactorPrompt(params({
            command: "fix",
            instruction: undefined,
            diagnostics: [
                { line: 1, severity: "error", message: "Type 'string' is not\nassignable to type 'number'.", source: "ts", code: "2322" },
                { line: 0, severity: "warning", message: "Unused parameter.", source: "eslint" }
            ]
        }));
        assert.match(prompt.user, /- line 2: error \(ts 2322\): Type 'string' is not assignable to type 'number'\./);
        assert.match(prompt.user, /- line 1: warning \(eslint\): Unused parameter\./);
        assert.match(prompt.user, /smallest change/);
        assert.doesNotMatch(prompt.user, /Also follow/);
        assert.equal(prompt.answerPrefix, "```ts\n");
    });

    it("document: names the language's convention and forbids changing code", () => {
        const ts = refactorPrompt(params({ command: "document", instruction: undefined }));
        assert.match(ts.user, /JSDoc/);
        assert.match(ts.user, /Do not change the code itself/);
        const python = refactorPrompt(params({ command: "document", languageId: "python", code: "def add(a, b):\n    return a + b", instruction: undefined }));
        assert.match(python.user, /PEP 257 docstrings/);
        assert.equal(python.answerPrefix, "```python\n");
        const unknown = refactorPrompt(params({ command: "document", languageId: "zig", instruction: undefined }));
        assert.match(unknown.user, /the usual documentation-comment convention of zig/);
    });

    it("tests: a new file gets a complete file; an existing one gets tests to append in its style", () => {
        const fresh = refactorPrompt(params({ command: "tests", instruction: undefined, testFile: { fileName: "src/math.test.ts", languageId: "typescript" } }));
        assert.match(fresh.user, /The tests go in a new file, `src\/math\.test\.ts`/);
        assert.match(fresh.user, /complete test file/);
        assert.match(fresh.user, /node:test/);
        const existing = refactorPrompt(params({
            command: "tests",
            instruction: undefined,
            testFile: { fileName: "tests/test_math.py", languageId: "python", existingText: "import math\n\ndef test_one():\n    assert True" }
        }));
        assert.match(existing.user, /which already contains:\n```python\nimport math/);
        assert.match(existing.user, /Write only the new tests, to be appended/);
        assert.match(existing.user, /pytest/);
        assert.equal(existing.answerPrefix, "```python\n");
    });

    it("commit message: the diff, the convention, and no fence to start the answer", () => {
        const prompt = refactorPrompt(params({ command: "commitMessage", code: "diff --git a/x b/x\n+added", languageId: "diff", instruction: undefined }));
        assert.match(prompt.system, /commit messages/);
        assert.match(prompt.user, /```diff\ndiff --git a\/x b\/x\n\+added\n```/);
        assert.match(prompt.user, /imperative mood of at most 72 characters/);
        assert.equal(prompt.answerPrefix, "");
    });

    it("uses a longer fence when the code holds backticks", () => {
        const prompt = refactorPrompt(params({ languageId: "markdown", code: "Run:\n```sh\nmake\n```" }));
        assert.equal(prompt.answerPrefix, "````markdown\n");
        assert.match(prompt.user, /````markdown\nRun:\n```sh\nmake\n```\n````/);
    });

    it("adds the user's note to the other commands", () => {
        assert.match(refactorPrompt(params({ command: "document", instruction: "mention the units" })).user, /Also follow this instruction: mention the units/);
    });
});
