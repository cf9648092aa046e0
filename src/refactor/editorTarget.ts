// Finds what a refactor command works on in an editor: the selection, or with nothing selected the
// function around the cursor (from the language's symbols) or, failing that, its indented block.
// `chooseTarget` makes the decision; this only asks the editor for what it needs.
import * as vscode from "vscode";
import { splitLines, type IndentStyle } from "./applyEdit";
import { enclosingSymbol, indentationBlock, type SymbolNode, type SymbolRole } from "./enclosingBlock";
import { chooseTarget, type RewriteTarget } from "./rewriteTarget";

/** A symbol provider that has not answered by then is not waited for: the indentation block serves. */
const symbolTimeoutMs = 1500;

function roleOf(kind: vscode.SymbolKind): SymbolRole {
    switch (kind) {
        case vscode.SymbolKind.Function:
        case vscode.SymbolKind.Method:
        case vscode.SymbolKind.Constructor:
            return "function";
        case vscode.SymbolKind.Class:
        case vscode.SymbolKind.Interface:
        case vscode.SymbolKind.Struct:
        case vscode.SymbolKind.Enum:
        case vscode.SymbolKind.Object:
            return "container";
        case vscode.SymbolKind.File:
        case vscode.SymbolKind.Module:
        case vscode.SymbolKind.Namespace:
        case vscode.SymbolKind.Package:
            return "module";
        default:
            return "other";
    }
}

function toNode(symbol: vscode.DocumentSymbol | vscode.SymbolInformation): SymbolNode {
    const range = "location" in symbol ? symbol.location.range : symbol.range;
    const children = "children" in symbol ? symbol.children.map(toNode) : [];
    return { role: roleOf(symbol.kind), range: { start: range.start, end: range.end }, children };
}

async function documentSymbols(document: vscode.TextDocument): Promise<SymbolNode[]> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), symbolTimeoutMs)));
    try {
        const symbols = await Promise.race([
            vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>("vscode.executeDocumentSymbolProvider", document.uri),
            timeout
        ]);
        return (symbols ?? []).map(toNode);
    } catch {
        return [];
    } finally {
        clearTimeout(timer);
    }
}

export function indentStyleOf(editor: vscode.TextEditor | undefined): IndentStyle {
    const tabSize = typeof editor?.options.tabSize === "number" ? editor.options.tabSize : 4;
    return { insertSpaces: editor?.options.insertSpaces !== false, tabSize };
}

export function documentLines(document: vscode.TextDocument): string[] {
    return splitLines(document.getText());
}

/** The target in `document` for `range` (the selection, or an empty range at the cursor). */
export async function targetAt(document: vscode.TextDocument, range: vscode.Range, tabSize: number): Promise<RewriteTarget> {
    const lines = documentLines(document);
    const block = range.isEmpty ? (enclosingSymbol(await documentSymbols(document), range.start) ?? indentationBlock(lines, range.start.line, tabSize)) : undefined;
    return chooseTarget(lines, { selection: range, block });
}
