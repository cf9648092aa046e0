// The golden completion cases (test/fixtures/completion-golden/*.md): a document with a cursor, the model's raw
// output, and the document a user expects after accepting the suggestion, or no suggestion at all.
//
// A case is a `## name` heading, `language:` and `family:` lines (a file's `language:` under its `# title` is its
// cases' default), and three `~~~` blocks: `~~~document` (the cursor is `█`), `~~~raw`, and `~~~expected`, or
// the line `expected: no suggestion`. A block's text is its lines joined with "\n": an empty last line makes a
// final newline. `␠` stands for a space that must not be lost at a line end.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const goldenDir = join(__dirname, "..", "fixtures", "completion-golden");
export const cursorMark = "█";

export interface GoldenCase {
    file: string;
    name: string;
    language: string;
    family: string;
    /** The document without the cursor mark, and the cursor's offset in it. */
    document: string;
    cursor: number;
    raw: string;
    /** The document after accepting; undefined when no suggestion is expected. */
    expected: string | undefined;
}

export function loadGoldenCases(dir = goldenDir): GoldenCase[] {
    return readdirSync(dir)
        .filter((name) => name.endsWith(".md"))
        .sort()
        .flatMap((name) => parseCases(name, readFileSync(join(dir, name), "utf8")));
}

function parseCases(file: string, source: string): GoldenCase[] {
    const sections = source.replace(/\r\n/g, "\n").split(/^## /m);
    const fileLanguage = /^language: *(\S+)/m.exec(sections[0])?.[1];
    return sections.slice(1).map((section) => {
        const name = section.slice(0, section.indexOf("\n")).trim();
        const where = `${file}: ${name}`;
        const field = (key: string) => new RegExp(`^${key}: *(.+)$`, "m").exec(section)?.[1].trim();
        const language = field("language") ?? fileLanguage;
        const family = field("family");
        const withCursor = block(section, "document", where);
        const cursor = withCursor.indexOf(cursorMark);
        if (!language || !family) throw new Error(`${where}: needs language and family`);
        if (cursor < 0 || withCursor.indexOf(cursorMark, cursor + 1) >= 0) throw new Error(`${where}: the document needs exactly one ${cursorMark}`);
        const none = field("expected") === "no suggestion";
        return {
            file,
            name,
            language,
            family,
            document: withCursor.replace(cursorMark, ""),
            cursor,
            raw: block(section, "raw", where),
            expected: none ? undefined : block(section, "expected", where)
        };
    });
}

function block(section: string, kind: string, where: string): string {
    const found = new RegExp(`^~~~${kind}\\n([\\s\\S]*?)^~~~$`, "m").exec(section);
    if (!found) throw new Error(`${where}: no ~~~${kind} block`);
    return found[1].slice(0, -1).replace(/␠/g, " ");
}
