// The input for "Edit with Instruction…": type a new instruction, or pick one of the recent ones,
// which are kept in the extension's global state.
import * as vscode from "vscode";
import { readHistory, rememberInstruction } from "./instructionHistory";

const historyKey = "hearth.refactor.instructionHistory";

export async function askInstruction(state: vscode.Memento, target: string): Promise<string | undefined> {
    const history = readHistory(state.get(historyKey));
    const recent = history.map((label) => ({ label, description: "recent" }));
    const pick = vscode.window.createQuickPick();
    pick.title = `Hearth: Edit ${target}`;
    pick.placeholder = history.length > 0 ? "Describe the change, or pick a recent instruction" : "Describe the change, e.g. \"handle the empty list\" or \"use async/await\"";
    pick.items = recent;
    pick.ignoreFocusOut = true;
    const chosen = await new Promise<string | undefined>((resolve) => {
        const subscriptions = [
            pick.onDidChangeValue((value) => {
                const typed = value.trim();
                pick.items = typed === "" ? recent : [{ label: typed, description: "new instruction", alwaysShow: true }, ...recent.filter((item) => item.label !== typed)];
            }),
            pick.onDidAccept(() => {
                resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined));
                pick.hide();
            }),
            pick.onDidHide(() => {
                resolve(undefined);
                for (const subscription of subscriptions) subscription.dispose();
                pick.dispose();
            })
        ];
        pick.show();
    });
    if (chosen) await state.update(historyKey, rememberInstruction(history, chosen));
    return chosen;
}
