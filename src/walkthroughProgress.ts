// The walkthrough's steps complete from what really happens in this window: a model loaded, one of Hearth's
// completions accepted, a chat answered. Each sets a context key that package.json's walkthrough steps read with
// `onContext:` (and their `when`); once set, a key stays set for the window.
import type { EngineStateView } from "./engineState";

export const progressKeys = {
    modelLoaded: "hearth.modelLoaded",
    completionAccepted: "hearth.completionAccepted",
    chatAnswered: "hearth.chatAnswered"
} as const;

export type ProgressEvent = keyof typeof progressKeys;

/** Run by VS Code when the user accepts one of Hearth's inline completions (the item's command). */
export const completionAcceptedCommand = "hearth.didAcceptCompletion";

export class WalkthroughProgress {
    private readonly happened = new Set<ProgressEvent>();
    private readonly subscription: { dispose(): void };

    constructor(engine: EngineStateView, private readonly setContext: (key: string, value: boolean) => void) {
        const follow = () => {
            if (engine.ready) this.mark("modelLoaded");
        };
        this.subscription = engine.onDidChange(follow);
        follow();
    }

    mark(event: ProgressEvent): void {
        if (this.happened.has(event)) return;
        this.happened.add(event);
        this.setContext(progressKeys[event], true);
    }

    dispose(): void {
        this.subscription.dispose();
    }
}
