// The instruction box as a quick pick at the top of the window: type a new instruction, or pick one of the
// recent ones. Used where there is no place in an editor for the box, and for the box's Recent Instructions….
import * as vscode from "vscode";

export interface PickRequest {
    title: string;
    /** What the box asks for, e.g. "Describe the change". */
    placeholder: string;
    /** Examples, shown while there are no recent instructions to pick from. */
    example: string;
}

/** Asks for an instruction, offering `history`; with `recentOnly`, only a recent one can be picked. */
export async function pickInstruction(request: PickRequest, history: readonly string[], options: { recentOnly?: boolean } = {}): Promise<string | undefined> {
    const recent = history.map((label) => ({ label, description: "recent" }));
    const pick = vscode.window.createQuickPick();
    pick.title = request.title;
    pick.placeholder = options.recentOnly ? request.placeholder : history.length > 0 ? `${request.placeholder}, or pick a recent instruction` : `${request.placeholder}, ${request.example}`;
    pick.items = recent;
    pick.ignoreFocusOut = true;
    return new Promise<string | undefined>((resolve) => {
        const subscriptions = [
            pick.onDidChangeValue((value) => {
                const typed = value.trim();
                if (options.recentOnly) return;
                pick.items = typed === "" ? recent : [{ label: typed, description: "new instruction", alwaysShow: true }, ...recent.filter((item) => item.label !== typed)];
            }),
            pick.onDidAccept(() => {
                resolve(pick.selectedItems[0]?.label ?? (options.recentOnly ? undefined : pick.value.trim() || undefined));
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
}
