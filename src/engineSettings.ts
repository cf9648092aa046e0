// The settings the engine holds. It is given them in its initialize request, and again on every change once it
// runs. A change that comes while it starts (an edit, or settings the editor reads only after activating the
// extension) would otherwise be lost: the engine would keep what it was given and, say, report no model.

export class EngineSettings {
    private given: string | undefined;

    constructor(private readonly read: () => Record<string, unknown>) {}

    /** The settings for the initialize request; remembered as what the engine has. */
    atStart(): Record<string, unknown> {
        const settings = this.read();
        this.given = JSON.stringify(settings);
        return settings;
    }

    /** The engine now runs: the settings to send it, where they changed since its start. */
    whenRunning(): Record<string, unknown> | undefined {
        const settings = this.read();
        const json = JSON.stringify(settings);
        if (json === this.given) return undefined;
        this.given = json;
        return settings;
    }

    /** The settings changed while the engine runs: sent even when equal, since any settings retry a model that failed. */
    changed(): Record<string, unknown> {
        const settings = this.read();
        this.given = JSON.stringify(settings);
        return settings;
    }
}
