import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkTarget, type TargetDocument } from "../../../../src/chat/codeTarget";

describe("where a chat answer's code may go", () => {
    const cases: Array<{ name: string; target: TargetDocument; insert: string | undefined }> = [
        { name: "a file of the workspace", target: { scheme: "file", location: "/work/app/main.ts", inWorkspace: true }, insert: undefined },
        { name: "a new untitled document", target: { scheme: "untitled", location: "untitled:Untitled-1", inWorkspace: false }, insert: undefined },
        { name: "a file outside the workspace", target: { scheme: "file", location: "/home/me/.bashrc", inWorkspace: false }, insert: "Insert the code into /home/me/.bashrc? It is not a file of this workspace." },
        { name: "the user's settings", target: { scheme: "vscode-userdata", location: "vscode-userdata:/home/me/.config/Code/User/settings.json", inWorkspace: false }, insert: "Insert the code into vscode-userdata:/home/me/.config/Code/User/settings.json? It is not a file." },
        { name: "a document of another scheme inside the workspace", target: { scheme: "git", location: "git:/work/app/main.ts", inWorkspace: true }, insert: "Insert the code into git:/work/app/main.ts? It is not a file." }
    ];
    for (const { name, target, insert } of cases) {
        it(`${insert ? "asks first, naming the full path, before" : "goes straight to"} ${name}`, () => {
            const check = checkTarget(target, "insert");
            assert.deepEqual(check, insert ? { kind: "confirm", question: insert } : { kind: "go" });
            const apply = checkTarget(target, "apply");
            assert.equal(apply.kind, check.kind);
            if (apply.kind === "confirm") assert.ok(apply.question.startsWith(`Propose the code as a change to ${target.location}?`));
        });
    }
});
