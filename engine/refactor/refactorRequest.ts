// Checks a `hearth/refactor/run` request field by field. Every problem is a TypeError naming the field,
// which the request guard turns into an InvalidParams error; nothing malformed reaches the model.
import type { RefactorCommand, RefactorDiagnostic, RefactorParams, RefactorTestFile } from "../protocol";

const commands: readonly RefactorCommand[] = ["edit", "fix", "document", "tests", "commitMessage"];
const severities: readonly RefactorDiagnostic["severity"][] = ["error", "warning", "information", "hint"];

/** Far beyond any context window; refusing it early keeps a runaway client from stalling the engine in the tokenizer. */
export const maxCodeChars = 2_000_000;
export const maxGeneratedTokens = 16_384;

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function requiredString(raw: Fields, key: string, path = ""): string {
    const value = raw[key];
    if (typeof value !== "string") throw new TypeError(`${path}${key} must be a string`);
    return value;
}

function optionalString(raw: Fields, key: string, path = ""): string | undefined {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw new TypeError(`${path}${key} must be a string when given`);
    return value;
}

function diagnostic(raw: unknown, index: number): RefactorDiagnostic {
    const path = `diagnostics[${index}].`;
    if (!isRecord(raw)) throw new TypeError(`diagnostics[${index}] must be an object`);
    const line = raw.line;
    if (typeof line !== "number" || !Number.isInteger(line) || line < 0) throw new TypeError(`${path}line must be a non-negative integer`);
    const severity = raw.severity;
    if (!severities.includes(severity as RefactorDiagnostic["severity"])) throw new TypeError(`${path}severity must be one of ${severities.join(", ")}`);
    return {
        line,
        severity: severity as RefactorDiagnostic["severity"],
        message: requiredString(raw, "message", path),
        source: optionalString(raw, "source", path),
        code: optionalString(raw, "code", path)
    };
}

function testFile(raw: unknown): RefactorTestFile | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (!isRecord(raw)) throw new TypeError("testFile must be an object when given");
    return {
        fileName: requiredString(raw, "fileName", "testFile."),
        languageId: requiredString(raw, "languageId", "testFile."),
        existingText: optionalString(raw, "existingText", "testFile.")
    };
}

/** The request as the engine uses it, or a TypeError that says what is wrong. */
export function parseRefactorParams(raw: unknown): RefactorParams {
    if (!isRecord(raw)) throw new TypeError("the params must be an object");
    const command = raw.command;
    if (!commands.includes(command as RefactorCommand)) throw new TypeError(`command must be one of ${commands.join(", ")}`);
    const code = requiredString(raw, "code");
    if (code.trim() === "") throw new TypeError(command === "commitMessage" ? "code (the staged diff) is empty" : "code is empty: there is nothing to work on");
    if (code.length > maxCodeChars) throw new TypeError(`code is ${code.length} characters long; the most Hearth accepts is ${maxCodeChars}`);
    const instruction = optionalString(raw, "instruction")?.trim();
    if (command === "edit" && !instruction) throw new TypeError("instruction is required for the edit command");
    const rawDiagnostics = raw.diagnostics ?? [];
    if (!Array.isArray(rawDiagnostics)) throw new TypeError("diagnostics must be an array when given");
    const diagnostics = rawDiagnostics.map(diagnostic);
    if (command === "fix" && diagnostics.length === 0) throw new TypeError("the fix command needs at least one diagnostic");
    const maxTokens = raw.maxTokens;
    if (maxTokens !== undefined && maxTokens !== null && (typeof maxTokens !== "number" || !Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > maxGeneratedTokens)) {
        throw new TypeError(`maxTokens must be an integer from 1 to ${maxGeneratedTokens}`);
    }
    return {
        command: command as RefactorCommand,
        code: code.replace(/\r\n?/g, "\n"),
        languageId: requiredString(raw, "languageId"),
        fileName: optionalString(raw, "fileName"),
        before: optionalString(raw, "before")?.replace(/\r\n?/g, "\n"),
        after: optionalString(raw, "after")?.replace(/\r\n?/g, "\n"),
        instruction: instruction || undefined,
        diagnostics,
        testFile: testFile(raw.testFile),
        maxTokens: typeof maxTokens === "number" ? maxTokens : undefined
    };
}
