// How the chat runs a refactor command (its /fix, /doc and /tests): a typed call within the extension, the way
// Explain Code reaches the chat through ChatPort.
import type * as vscode from "vscode";
import type { ChatRefactor } from "../chat/slashCommands";

export interface RefactorPort {
    /** Runs `refactor` on `range` of the document `uri` (shown in an editor with `range` selected), as its command does. */
    run(refactor: ChatRefactor, uri: vscode.Uri, range: vscode.Range): Promise<void>;
}
