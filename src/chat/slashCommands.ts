// The chat's slash commands. `/explain` is a question the chat sends with a fuller prompt; `/fix`, `/doc` and
// `/tests` run the refactor commands of the same names on the attached selection or the current editor, and
// their proposals open as a review. The extension (src/chat) and the webview script (the command menu) both
// import this file; it has no runtime imports.

/** The refactor commands the chat can start (src/refactor/refactorPort.ts runs them). */
export type ChatRefactor = "fix" | "document" | "tests";

export interface SlashCommand {
    name: string;
    /** What the command does, for the menu the composer shows. */
    description: string;
    /** The verb a chat's title starts with when the chat opened with this command. */
    title: string;
    /** A question for the chat (its prompt, sent in place of the command), or a refactor command to run. */
    action: { kind: "ask"; prompt: string } | { kind: "refactor"; refactor: ChatRefactor };
}

export const slashCommands: readonly SlashCommand[] = [
    {
        name: "explain",
        description: "Explain the selected code (or the code around the cursor) in the chat",
        title: "Explain",
        action: { kind: "ask", prompt: "Explain this code: what it does, how it works, and anything surprising in it." }
    },
    { name: "fix", description: "Propose a fix for the problems in the selected code, as a diff", title: "Fix", action: { kind: "refactor", refactor: "fix" } },
    { name: "doc", description: "Propose documentation comments for the selected code, as a diff", title: "Document", action: { kind: "refactor", refactor: "document" } },
    { name: "tests", description: "Propose tests for the selected code in its test file, as a diff", title: "Tests for", action: { kind: "refactor", refactor: "tests" } }
];

export interface SlashUse {
    command: SlashCommand;
    /** What the user wrote after the command, trimmed. */
    rest: string;
}

/** The slash command `text` starts with (`/name`, then a space, a new line or nothing), if it is one of ours. */
export function parseSlash(text: string): SlashUse | undefined {
    const match = /^\/([a-z]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
    const command = match && slashCommands.find((c) => c.name === match[1]);
    return command ? { command, rest: (match[2] ?? "").trim() } : undefined;
}

/** The text the model reads for a message: a question command becomes its prompt, with the user's words after it. */
export function promptFor(text: string): string {
    const use = parseSlash(text);
    if (!use || use.command.action.kind !== "ask") return text;
    return use.rest === "" ? use.command.action.prompt : `${use.command.action.prompt}\n\n${use.rest}`;
}

/** The commands whose name starts with what follows the `/` in `typed` (the composer's menu). */
export function matchingCommands(typed: string): SlashCommand[] {
    const match = /^\/([a-z]*)$/.exec(typed);
    return match ? slashCommands.filter((c) => c.name.startsWith(match[1])) : [];
}
