// The settings the engine holds. It is given them in its initialize request, and again on every change once it
// runs. A change that comes while it starts (an edit, or settings the editor reads only after activating the
// extension) would otherwise be lost: the engine would keep what it was given and, say, report no model.

export class EngineSettings {
    private given: string | undefined;

    constructor(private readonly read: () => Record<string, unknown>) {}

    /**
     * The settings to give the engine now (its initialize request, or a change while it runs: sent even when equal,
     * since any settings retry a model that failed); remembered as what it has.
     */
    give(): Record<string, unknown> {
        const settings = this.read();
        this.given = JSON.stringify(settings);
        return settings;
    }

    /** The engine now runs: the settings to send it, where they changed since it was last given them. */
    missedWhileStarting(): Record<string, unknown> | undefined {
        const settings = this.read();
        const json = JSON.stringify(settings);
        if (json === this.given) return undefined;
        this.given = json;
        return settings;
    }
}
