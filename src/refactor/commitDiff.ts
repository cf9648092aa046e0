// What Write Commit Message describes: the staged changes; with nothing staged, the working tree's changes, as a
// Copilot user expects, with a note saying so. A diff past what a request carries is cut at a line.
export interface DiffSource {
    /** `git diff --cached` when `cached`, else `git diff` (the working tree against the index). */
    diff(cached?: boolean): Promise<string>;
}

export interface ChangesToDescribe {
    diff: string;
    /** Set when the diff is not the staged changes: tells the user what was described instead. */
    note?: string;
}

/** Diffs past this are cut before they cross to the engine, which cuts further to fit its context. */
export const maxDiffChars = 400_000;

export const unstagedNote = "Nothing is staged, so Hearth describes the changes in the working tree (new files count once they are staged).";
export const noChangesMessage = "There are no changes to describe: nothing is staged and no tracked file has changed. Stage new files to describe them.";

function cut(diff: string): string {
    return diff.length > maxDiffChars ? diff.slice(0, diff.lastIndexOf("\n", maxDiffChars)) : diff;
}

/** The staged changes, else the working tree's, else undefined when neither has any. */
export async function changesToDescribe(repository: DiffSource): Promise<ChangesToDescribe | undefined> {
    const staged = await repository.diff(true);
    if (staged.trim() !== "") return { diff: cut(staged) };
    const unstaged = await repository.diff(false);
    if (unstaged.trim() !== "") return { diff: cut(unstaged), note: unstagedNote };
    return undefined;
}
