// Where a chat answer's code may go without asking: a file of the workspace, or a new untitled one. Anything else (a
// file outside the workspace, the user's settings.json, a document of another scheme) only after the user confirms
// in a modal dialog that names the full path, since the editor last used may not be the one the user has in mind.
export interface TargetDocument {
    scheme: string;
    /** The file's full path for `file:` documents, the whole URI for any other. */
    location: string;
    /** The document is a file inside one of the workspace's folders. */
    inWorkspace: boolean;
}

export type TargetCheck = { kind: "go" } | { kind: "confirm"; question: string };

export function checkTarget(target: TargetDocument, action: "insert" | "apply"): TargetCheck {
    if (target.scheme === "untitled" || (target.scheme === "file" && target.inWorkspace)) return { kind: "go" };
    const what = target.scheme === "file" ? "is not a file of this workspace" : "is not a file";
    const verb = action === "insert" ? "Insert the code into" : "Propose the code as a change to";
    return { kind: "confirm", question: `${verb} ${target.location}? It ${what}.` };
}
