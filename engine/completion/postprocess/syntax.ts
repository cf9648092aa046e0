// How each language family writes comments and strings: what the bracket scanner skips, and whether blocks
// open with a colon and end by indentation.

export interface QuoteRule {
    open: string;
    close: string;
    /** The string may run over line ends (template literals, triple quotes, Go raw strings, Rust strings). */
    multiline: boolean;
    /** A backslash escapes the next character. */
    escapes: boolean;
    /** `${…}` holds code inside the string (JavaScript template literals). */
    interpolation?: boolean;
}

export interface LanguageSyntax {
    lineComments: readonly string[];
    blockComment?: readonly [open: string, close: string];
    /** Longest opening first. */
    quotes: readonly QuoteRule[];
    /** `'` is a character literal only when it closes within a few characters (C family chars, Rust lifetimes). */
    shortCharQuote: boolean;
    /** Quote and comment marks count only at a line start or after whitespace or punctuation (YAML, shell). */
    marksNeedBoundary: boolean;
    /** Blocks open with a line ending in `:` and end by indentation (Python, YAML). */
    indentBlocks: boolean;
}

const double: QuoteRule = { open: '"', close: '"', multiline: false, escapes: true };
const single: QuoteRule = { open: "'", close: "'", multiline: false, escapes: true };
const tripleDouble: QuoteRule = { open: '"""', close: '"""', multiline: true, escapes: true };
const tripleSingle: QuoteRule = { open: "'''", close: "'''", multiline: true, escapes: true };
const cBlock = ["/*", "*/"] as const;

const base: LanguageSyntax = { lineComments: ["//"], blockComment: cBlock, quotes: [double], shortCharQuote: true, marksNeedBoundary: false, indentBlocks: false };

const families = {
    cLike: base,
    javascript: { ...base, quotes: [{ open: "`", close: "`", multiline: true, escapes: true, interpolation: true }, double, single], shortCharQuote: false },
    go: { ...base, quotes: [{ open: "`", close: "`", multiline: true, escapes: false }, double] },
    rust: { ...base, quotes: [{ ...double, multiline: true }] },
    tripleQuoted: { ...base, quotes: [tripleDouble, double] },
    php: { ...base, lineComments: ["//", "#"], quotes: [double, single], shortCharQuote: false },
    python: { lineComments: ["#"], quotes: [tripleDouble, tripleSingle, double, single], shortCharQuote: false, marksNeedBoundary: false, indentBlocks: true },
    css: { ...base, lineComments: [], quotes: [double, single], shortCharQuote: false },
    scss: { ...base, quotes: [double, single], shortCharQuote: false },
    yaml: { lineComments: ["#"], quotes: [double, { ...single, escapes: false }], shortCharQuote: false, marksNeedBoundary: true, indentBlocks: true },
    json: { ...base, shortCharQuote: false },
    hashComments: { lineComments: ["#"], quotes: [{ ...double, multiline: true }, { ...single, multiline: true }], shortCharQuote: false, marksNeedBoundary: true, indentBlocks: false },
    dashComments: { lineComments: ["--"], quotes: [double, single], shortCharQuote: false, marksNeedBoundary: false, indentBlocks: false },
    prose: { lineComments: [], quotes: [], shortCharQuote: false, marksNeedBoundary: true, indentBlocks: false }
} satisfies Record<string, LanguageSyntax>;

type Family = keyof typeof families;

/** VS Code's language ids by family. */
const familyOf: Record<string, Family> = {
    c: "cLike", cpp: "cLike", "objective-c": "cLike", "objective-cpp": "cLike", java: "cLike", csharp: "cLike", cuda: "cLike", dart: "cLike",
    typescript: "javascript", typescriptreact: "javascript", javascript: "javascript", javascriptreact: "javascript", vue: "javascript", svelte: "javascript",
    go: "go",
    rust: "rust",
    kotlin: "tripleQuoted", scala: "tripleQuoted", swift: "tripleQuoted", groovy: "tripleQuoted",
    php: "php",
    python: "python",
    css: "css",
    scss: "scss", less: "scss",
    yaml: "yaml", "github-actions-workflow": "yaml", dockercompose: "yaml",
    json: "json", jsonc: "json", jsonl: "json",
    shellscript: "hashComments", ruby: "hashComments", perl: "hashComments", r: "hashComments", makefile: "hashComments", dockerfile: "hashComments", toml: "hashComments", powershell: "hashComments", elixir: "hashComments",
    lua: "dashComments", sql: "dashComments", haskell: "dashComments",
    markdown: "prose", plaintext: "prose", html: "prose", xml: "prose"
};

/** Language ids by file extension, for clients that send none Hearth knows. */
const languageOfExtension: Record<string, string> = {
    ts: "typescript", tsx: "typescriptreact", mts: "typescript", cts: "typescript", js: "javascript", jsx: "javascriptreact", mjs: "javascript", cjs: "javascript",
    py: "python", go: "go", rs: "rust", java: "java", c: "c", h: "c", cc: "cpp", cpp: "cpp", cxx: "cpp", hpp: "cpp", cs: "csharp",
    kt: "kotlin", scala: "scala", swift: "swift", php: "php", css: "css", scss: "scss", less: "less",
    yaml: "yaml", yml: "yaml", json: "json", sh: "shellscript", rb: "ruby", lua: "lua", sql: "sql", md: "markdown", toml: "toml"
};

/** The syntax of `languageId`, else of the file's extension; unknown languages get C's comments and double quotes. */
export function syntaxFor(languageId: string | undefined, fileName = ""): LanguageSyntax {
    const known = languageId !== undefined ? familyOf[languageId] : undefined;
    if (known) return families[known];
    const extension = /\.([^./]+)$/.exec(fileName)?.[1]?.toLowerCase();
    const byExtension = extension !== undefined ? familyOf[languageOfExtension[extension] ?? ""] : undefined;
    return families[byExtension ?? "cLike"];
}
