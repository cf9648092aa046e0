// The one notification a new user gets when no model is configured; never shown again once answered or dismissed.
import * as vscode from "vscode";

const shownKey = "hearth.models.noModelNoticeShown";

export interface FirstRunActions {
    downloadRecommended(): Promise<void>;
    browse(): Promise<void>;
}

export class FirstRunNotice {
    private showing = false;

    constructor(private readonly state: vscode.Memento) {}

    /** Shows the notice unless it was shown before (in any window). */
    async maybeShow(actions: FirstRunActions): Promise<void> {
        if (this.showing || this.state.get<boolean>(shownKey)) return;
        this.showing = true;
        try {
            const download = "Download recommended model";
            const browse = "Use a GGUF file…";
            const choice = await vscode.window.showInformationMessage(
                "Hearth needs a model to run. Download the one recommended for this machine, or use a GGUF file you already have.",
                download,
                browse
            );
            await this.state.update(shownKey, true);
            if (choice === download) await actions.downloadRecommended();
            else if (choice === browse) await actions.browse();
        } finally {
            this.showing = false;
        }
    }
}
