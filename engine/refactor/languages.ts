// What the prompts need to know about a language: its name, its Markdown fence tag, how it documents code,
// and how its tests are usually written. Keyed by VS Code language id.

interface LanguageFacts {
    name: string;
    fence: string;
    docs: string;
    tests: string;
}

const jsDocs = "JSDoc comments (/** … */ with @param, @returns and @throws where they apply) placed directly above each declaration";
const jsTests = "the test framework the project already uses (visible in the existing tests), or node:test with node:assert/strict if there is no sign of one";

const known: Record<string, LanguageFacts> = {
    typescript: { name: "TypeScript", fence: "ts", docs: jsDocs, tests: jsTests },
    typescriptreact: { name: "TypeScript (TSX)", fence: "tsx", docs: jsDocs, tests: jsTests },
    javascript: { name: "JavaScript", fence: "js", docs: jsDocs, tests: jsTests },
    javascriptreact: { name: "JavaScript (JSX)", fence: "jsx", docs: jsDocs, tests: jsTests },
    python: {
        name: "Python",
        fence: "python",
        docs: "PEP 257 docstrings (triple double quotes) as the first statement inside each module, class and function, with Args/Returns/Raises sections where they apply",
        tests: "pytest (plain test functions with assert), unless the existing tests use unittest"
    },
    rust: { name: "Rust", fence: "rust", docs: "/// doc comments above each item, with # Examples, # Errors and # Panics sections where they apply", tests: "a #[cfg(test)] mod tests with #[test] functions" },
    go: { name: "Go", fence: "go", docs: "Go doc comments: a // comment directly above each declaration that starts with the declared name", tests: "the testing package with table-driven Test functions" },
    java: { name: "Java", fence: "java", docs: "Javadoc comments (/** … */ with @param, @return and @throws) above each class and method", tests: "JUnit 5" },
    kotlin: { name: "Kotlin", fence: "kotlin", docs: "KDoc comments (/** … */) above each declaration", tests: "JUnit 5 with kotlin.test assertions" },
    csharp: { name: "C#", fence: "csharp", docs: "XML documentation comments (/// <summary>, <param>, <returns>) above each member", tests: "xUnit" },
    c: { name: "C", fence: "c", docs: "Doxygen comments (/** … */ with @brief, @param and @return) above each function", tests: "plain assert-based test functions called from main" },
    cpp: { name: "C++", fence: "cpp", docs: "Doxygen comments (/** … */ with @brief, @param and @return) above each declaration", tests: "GoogleTest" },
    ruby: { name: "Ruby", fence: "ruby", docs: "YARD comments (# with @param and @return tags) above each method", tests: "RSpec, unless the existing tests use Minitest" },
    php: { name: "PHP", fence: "php", docs: "PHPDoc comments (/** … */ with @param, @return and @throws) above each function", tests: "PHPUnit" },
    swift: { name: "Swift", fence: "swift", docs: "/// documentation comments with - Parameters: and - Returns: above each declaration", tests: "XCTest" },
    shellscript: { name: "shell script", fence: "bash", docs: "# comments above each function saying what it does, its arguments and its output", tests: "bats" },
    lua: { name: "Lua", fence: "lua", docs: "LuaDoc/EmmyLua comments (--- with @param and @return) above each function", tests: "busted" },
    scala: { name: "Scala", fence: "scala", docs: "Scaladoc comments (/** … */) above each definition", tests: "ScalaTest" },
    dart: { name: "Dart", fence: "dart", docs: "/// doc comments above each declaration", tests: "package:test" },
    r: { name: "R", fence: "r", docs: "roxygen2 comments (#') above each function", tests: "testthat" },
    elixir: { name: "Elixir", fence: "elixir", docs: "@doc and @moduledoc attributes", tests: "ExUnit" },
    haskell: { name: "Haskell", fence: "haskell", docs: "Haddock comments (-- |) above each declaration", tests: "hspec" },
    sql: { name: "SQL", fence: "sql", docs: "-- comments above each statement saying what it does", tests: "plain SQL assertions" },
    markdown: { name: "Markdown", fence: "markdown", docs: "HTML comments", tests: "none" }
};

/** Facts about `languageId`, with generic wording for a language Hearth does not know by name. */
export function languageFacts(languageId: string): LanguageFacts {
    const facts = known[languageId];
    if (facts) return facts;
    const name = languageId === "" || languageId === "plaintext" ? "plain text" : languageId;
    return {
        name,
        fence: /^[\w+#.-]+$/.test(languageId) && languageId !== "plaintext" ? languageId : "",
        docs: `the usual documentation-comment convention of ${name}`,
        tests: `the usual unit-test framework for ${name}`
    };
}
