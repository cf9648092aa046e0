// "Show Chat History": the past chats of this workspace in a searchable list (by title or date), newest first,
// grouped by day. Choosing one opens it in the chat; its trash button deletes it.
import * as vscode from "vscode";
import { historyEntries, type HistoryEntry } from "./historyItems";
import type { ConversationSummary } from "./messages";

/** What the list needs from the chat. */
export interface ChatHistorySource {
    chats(): ConversationSummary[];
    readonly currentId: string;
    switchTo(id: string): Promise<void>;
    delete(id: string): Promise<void>;
}

type Item = vscode.QuickPickItem & { id?: string };

const deleteButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon("trash"), tooltip: "Delete this chat" };

function toItem(entry: HistoryEntry): Item {
    if (entry.kind === "group") return { label: entry.label, kind: vscode.QuickPickItemKind.Separator };
    return {
        id: entry.id,
        label: entry.label,
        description: entry.current ? `${entry.description} · open now` : entry.description,
        iconPath: new vscode.ThemeIcon(entry.current ? "comment-discussion" : "comment"),
        buttons: [deleteButton]
    };
}

/** Shows the list; resolves once it is closed, with whether a chat was chosen. */
export function showChatHistory(source: ChatHistorySource): Promise<boolean> {
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = "Hearth: past chats";
    pick.matchOnDescription = true;
    const render = () => {
        const entries = historyEntries(source.chats(), source.currentId, Date.now(), vscode.env.language);
        pick.items = entries.map(toItem);
        pick.placeholder = entries.length === 0 ? "No past chats in this workspace yet" : "Search past chats by title or date";
    };
    render();
    return new Promise((resolve) => {
        let chosen = false;
        pick.onDidTriggerItemButton(async ({ item }) => {
            if (item.id) await source.delete(item.id);
            render();
        });
        pick.onDidAccept(async () => {
            const id = pick.selectedItems[0]?.id;
            if (!id) return;
            chosen = true;
            await source.switchTo(id);
            pick.hide();
        });
        pick.onDidHide(() => {
            pick.dispose();
            resolve(chosen);
        });
        pick.show();
    });
}
