import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { changesToDescribe, maxDiffChars, unstagedNote, type DiffSource } from "../../../../src/refactor/commitDiff";

const stagedDiff = "diff --git a/a.ts b/a.ts\n+staged\n";
const workingDiff = "diff --git a/b.ts b/b.ts\n+unstaged\n";

/** A repository with these staged and working-tree diffs, recording which it was asked for. */
function repository(staged: string, working: string): DiffSource & { asked: boolean[] } {
    const asked: boolean[] = [];
    return { asked, diff: async (cached) => (asked.push(cached === true), cached ? staged : working) };
}

describe("the changes a commit message describes", () => {
    const cases: Array<{ name: string; staged: string; working: string; expected: { diff: string; note?: string } | undefined }> = [
        { name: "staged changes, whatever the working tree holds", staged: stagedDiff, working: workingDiff, expected: { diff: stagedDiff } },
        { name: "with nothing staged, the working tree's changes, with a note", staged: "", working: workingDiff, expected: { diff: workingDiff, note: unstagedNote } },
        { name: "a staged diff of only blank lines counts as nothing staged", staged: "\n\n", working: workingDiff, expected: { diff: workingDiff, note: unstagedNote } },
        { name: "none at all", staged: "", working: " \n", expected: undefined }
    ];
    for (const { name, staged, working, expected } of cases) {
        it(name, async () => assert.deepEqual(await changesToDescribe(repository(staged, working)), expected));
    }

    it("asks for the working tree only when nothing is staged", async () => {
        const repo = repository(stagedDiff, workingDiff);
        await changesToDescribe(repo);
        assert.deepEqual(repo.asked, [true]);
    });

    it("cuts a diff past what a request carries at the end of a line", async () => {
        const line = "+" + "x".repeat(99) + "\n";
        const huge = line.repeat(Math.ceil(maxDiffChars / line.length) + 10);
        const { diff } = (await changesToDescribe(repository("", huge)))!;
        assert.ok(diff.length <= maxDiffChars && huge.startsWith(diff));
        assert.ok(diff.endsWith("x"), "whole lines only");
    });
});
