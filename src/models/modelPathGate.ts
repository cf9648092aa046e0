// Which model file the engine is given. Only an absolute path names one: a relative path would resolve against
// wherever the engine happens to run. And a path set in a workspace's settings (a GGUF inside the repository, say)
// is a file the workspace chose for Hearth to load: Hearth asks once per path, remembers the answer, and meanwhile
// uses the user's own setting.
import { isAbsolute } from "node:path";
import type { ModelPathKey, ModelPathSetting } from "../config";

export type WorkspaceModelAnswer = "load" | "ignore";

const answersKey = "hearth.models.workspacePaths";
const maxAnswers = 200;

export interface ModelPathGatePorts {
    /** Where answers are kept (`context.globalState`: they hold for every workspace). */
    state: { get<T>(key: string): T | undefined; update(key: string, value: unknown): Thenable<void> };
    /** Asks whether to load `path`, which the workspace's settings give for `key`; undefined when the user did not say. */
    ask(key: ModelPathKey, path: string): Promise<WorkspaceModelAnswer | undefined>;
    /** An answer changed the path the engine should be given. */
    changed(): void;
    /** Tells the user about a path Hearth does not use. */
    warn(message: string): void;
}

export class ModelPathGate {
    private readonly asking = new Set<string>();
    private readonly warned = new Set<string>();

    constructor(private readonly ports: ModelPathGatePorts) {}

    /** The path the engine is given for a setting: its own when it may be loaded, else the user's (or none). */
    pathFor(setting: ModelPathSetting): string {
        const user = this.absolute(setting.key, setting.userValue);
        if (!setting.fromWorkspace) return user;
        if (setting.value === "" || setting.value === user) return setting.value;
        const path = this.absolute(setting.key, setting.value);
        if (path === "") return user;
        const answer = this.answers()[path];
        if (answer === "load") return path;
        if (answer === undefined) void this.ask(setting.key, path);
        return user;
    }

    private absolute(key: ModelPathKey, path: string): string {
        if (path === "" || isAbsolute(path)) return path;
        if (!this.warned.has(path)) {
            this.warned.add(path);
            this.ports.warn(`hearth.${key} must be an absolute path; Hearth does not load "${path}".`);
        }
        return "";
    }

    private answers(): Record<string, WorkspaceModelAnswer> {
        return this.ports.state.get<Record<string, WorkspaceModelAnswer>>(answersKey) ?? {};
    }

    private async ask(key: ModelPathKey, path: string): Promise<void> {
        if (this.asking.has(path)) return;
        this.asking.add(path);
        try {
            const answer = await this.ports.ask(key, path);
            if (answer === undefined) return;
            const kept = Object.entries(this.answers()).filter(([known]) => known !== path).slice(-(maxAnswers - 1));
            await this.ports.state.update(answersKey, Object.fromEntries([...kept, [path, answer]]));
            if (answer === "load") this.ports.changed();
        } catch (error) {
            this.ports.warn(`Hearth could not keep your answer about ${path}: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
            this.asking.delete(path);
        }
    }
}
