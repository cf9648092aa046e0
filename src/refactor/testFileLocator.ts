// Where the tests of a source file live by the conventions of its language: the files to look for first,
// and the name a new test file gets. Paths are POSIX paths (a URI's path).
import { posix } from "node:path";

export interface TestFileCandidates {
    /** Existing files to look for, most likely first. */
    candidates: string[];
    /** Where a new test file goes when none of them exists. */
    newFile: string;
}

const scriptExtensions = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]);

/** Paths of `file` in a test tree `testDir` under the root: mirroring `dir` (with or without its `src`/`lib`), or flat. */
function mirrored(root: string, dir: string, testDir: string, file: string): string[] {
    const relative = posix.relative(root, dir);
    if (relative.startsWith("..")) return [];
    const parts = relative === "" ? [] : relative.split("/");
    const paths = [posix.join(root, testDir, ...parts, file)];
    if (parts[0] === "src" || parts[0] === "lib") paths.push(posix.join(root, testDir, ...parts.slice(1), file));
    // A flat test folder at the root is common too.
    paths.push(posix.join(root, testDir, file));
    return paths;
}

/** `workspaceRoot` is the folder the file belongs to, when it belongs to one. */
export function testFileCandidates(sourcePath: string, workspaceRoot?: string): TestFileCandidates {
    const dir = posix.dirname(sourcePath);
    const ext = posix.extname(sourcePath);
    const stem = posix.basename(sourcePath, ext);
    const root = workspaceRoot ?? dir;
    const unique = (paths: string[]) => [...new Set(paths)].filter((path) => path !== sourcePath);

    if (scriptExtensions.has(ext)) {
        const names = [`${stem}.test${ext}`, `${stem}.spec${ext}`];
        return {
            candidates: unique([
                ...names.map((name) => posix.join(dir, name)),
                ...names.map((name) => posix.join(dir, "__tests__", name)),
                ...["test", "tests", "__tests__"].flatMap((testDir) => names.flatMap((name) => mirrored(root, dir, testDir, name)))
            ]),
            newFile: posix.join(dir, names[0])
        };
    }
    if (ext === ".py") {
        const names = [`test_${stem}.py`, `${stem}_test.py`];
        return {
            candidates: unique([
                ...names.map((name) => posix.join(dir, name)),
                ...names.map((name) => posix.join(dir, "tests", name)),
                ...["tests", "test"].flatMap((testDir) => names.flatMap((name) => mirrored(root, dir, testDir, name)))
            ]),
            newFile: posix.join(dir, names[0])
        };
    }
    if (ext === ".go") {
        const path = posix.join(dir, `${stem}_test.go`);
        return { candidates: [path], newFile: path };
    }
    if (ext === ".java" || ext === ".kt") {
        const name = `${stem}Test${ext}`;
        const mainToTest = sourcePath.includes("/src/main/") ? [sourcePath.replace("/src/main/", "/src/test/").replace(/[^/]+$/, name)] : [];
        return { candidates: unique([...mainToTest, posix.join(dir, name)]), newFile: mainToTest[0] ?? posix.join(dir, name) };
    }
    if (ext === ".rb") {
        const spec = mirrored(root, dir, "spec", `${stem}_spec.rb`);
        const test = mirrored(root, dir, "test", `${stem}_test.rb`);
        return { candidates: unique([...spec, ...test]), newFile: spec[spec.length - 1] ?? posix.join(dir, `${stem}_spec.rb`) };
    }
    if (ext === ".cs") {
        const path = posix.join(dir, `${stem}Tests.cs`);
        return { candidates: [path], newFile: path };
    }
    const path = posix.join(dir, `${stem}.test${ext}`);
    return { candidates: [path, posix.join(dir, `${stem}_test${ext}`)], newFile: path };
}
