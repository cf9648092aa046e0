// One role (completions, or chat and refactors) on one server: where it is and whether Hearth may send code
// there, what it runs (asked once, and again after a failure), and how it is doing, for the status bar: the time
// its last answer took to start, or why it cannot serve. Made again whenever the role's server settings change.
import { EngineError } from "../../server/engineError";
import { debugKnobs } from "../../server/debugKnobs";
import type { Logger } from "../../server/log";
import { EngineErrorCode, type FimFormatSetting, type RoleStatus, type ServerKind } from "../../protocol";
import type { ChatModel, CompletionModel, GenerationResult } from "../inference";
import type { Dialect, ServerFacts } from "./dialect";
import { fimFormatFromName, fimFormats, type FimFormat } from "./fimFormats";
import { llamaServerDialect } from "./llamaServerDialect";
import { ollamaDialect } from "./ollamaDialect";
import { openAiDialect } from "./openAiDialect";
import { serverAddress } from "./serverAddress";
import type { ServerResult } from "./serverGeneration";
import { ServerHttp, type RequestLimits } from "./serverHttp";
import { ServerChatModel, ServerCompletionModel, type ServerParts } from "./serverModels";
import { TokenEstimate } from "./tokenEstimate";

export type Role = "completion" | "chat";

export interface ServerRoleSettings {
    role: Role;
    kind: ServerKind;
    url: string;
    model: string;
    fimFormat: FimFormatSetting;
    allowInsecureHttp: boolean;
}

export interface ServerRoleDeps {
    apiKey(origin: string): string | undefined;
    /** The role's status changed. */
    changed(): void;
    log: Logger;
}

const dialects: Record<ServerKind, Dialect> = { "llama-server": llamaServerDialect, openai: openAiDialect, ollama: ollamaDialect };

/**
 * A completion is useless once the user typed on, and the next keystroke aborts it anyway; the one the user waits
 * for may need the server to evaluate a whole file first (a cold prompt). A chat may wait for a large model on a
 * busy server.
 */
const limitsOf: Record<Role | "probe", RequestLimits> = {
    probe: { answerMs: 5_000, stallMs: 5_000, attempts: 2 },
    completion: { answerMs: 60_000, stallMs: 15_000, attempts: 1 },
    chat: { answerMs: 120_000, stallMs: 60_000, attempts: 3 }
};

function limits(kind: Role | "probe"): RequestLimits {
    const testMs = debugKnobs().serverTimeoutMs;
    return testMs > 0 ? { ...limitsOf[kind], answerMs: testMs, stallMs: testMs } : limitsOf[kind];
}

/** How often a new latency alone is worth a status update. */
const latencyUpdateMs = 30_000;

export class ServerRole {
    private readonly http: ServerHttp | undefined;
    private readonly addressError: EngineError | undefined;
    private readonly dialect: Dialect;
    private readonly estimate = new TokenEstimate();
    private facts: Promise<ServerFacts> | undefined;
    private known: ServerFacts | undefined;
    /** The completion role's FIM format, from the last answer to `probe`. */
    private format: FimFormat | undefined;
    private models: { facts: ServerFacts; contextSize: number; model: CompletionModel | ChatModel } | undefined;
    private problem: string | undefined;
    private latencyMs: number | undefined;
    private latencyShownAt = 0;

    constructor(readonly settings: ServerRoleSettings, private readonly deps: ServerRoleDeps) {
        this.dialect = dialects[settings.kind];
        const setting = `hearth.${settings.role}`;
        try {
            const address = serverAddress(settings.url, `${setting}.server.url`, settings.allowInsecureHttp);
            // An OpenAI base URL is often written with its /v1; Hearth adds that itself.
            const base = settings.kind === "openai" ? address.base.replace(/\/v1$/, "") : address.base;
            this.http = new ServerHttp({ address: { ...address, base }, setting, apiKey: () => deps.apiKey(address.origin) });
        } catch (error) {
            this.addressError = error as EngineError;
            this.problem = this.addressError.message;
        }
    }

    get status(): RoleStatus {
        return {
            backend: this.settings.kind,
            ...(this.http ? { server: this.http.origin } : {}),
            ...(this.known ? { model: this.known.model } : {}),
            ...(this.latencyMs !== undefined ? { latencyMs: Math.round(this.latencyMs) } : {}),
            ...(this.problem ? { problem: this.problem } : {})
        };
    }

    /** Asks the server again what it runs; any problem is kept in the status, never thrown. */
    async check(signal = new AbortController().signal): Promise<void> {
        this.facts = undefined;
        await this.learn(signal).catch(() => undefined);
    }

    async completionModel(contextSize: number, signal: AbortSignal): Promise<CompletionModel> {
        const facts = await this.learn(signal);
        return this.model(facts, contextSize, () => new ServerCompletionModel(this.parts(facts), this.format, Math.min(contextSize, facts.contextSize ?? contextSize))) as CompletionModel;
    }

    async chatModel(contextSize: number, signal: AbortSignal): Promise<ChatModel> {
        const facts = await this.learn(signal);
        return this.model(facts, contextSize, () => new ServerChatModel(this.parts(facts), Math.min(contextSize, facts.contextSize ?? contextSize))) as ChatModel;
    }

    /** The same model object while nothing changed, so that what callers keep per model (a prompt layout) stays. */
    private model(facts: ServerFacts, contextSize: number, make: () => CompletionModel | ChatModel): CompletionModel | ChatModel {
        if (this.models?.facts !== facts || this.models.contextSize !== contextSize) this.models = { facts, contextSize, model: make() };
        return this.models.model;
    }

    private parts(facts: ServerFacts): ServerParts {
        return { http: this.http!, dialect: this.dialect, facts, estimate: this.estimate, limits: () => limits(this.settings.role), track: (work, signal) => this.track(work, signal) };
    }

    private learn(signal: AbortSignal): Promise<ServerFacts> {
        if (this.addressError) return Promise.reject(this.addressError);
        if (!this.facts) {
            const probing = this.probe(signal);
            this.facts = probing;
            // A failed probe is asked again by the next request: the server may be back by then.
            probing.catch(() => {
                if (this.facts === probing) this.facts = undefined;
            });
        }
        return this.facts;
    }

    private async probe(signal: AbortSignal): Promise<ServerFacts> {
        const started = performance.now();
        const { role, kind } = this.settings;
        try {
            const facts = await this.dialect.probe({ http: this.http!, model: this.settings.model, signal, limits: limits("probe"), fim: role === "completion" && this.settings.fimFormat === "auto" });
            this.known = facts;
            this.format = role === "completion" ? fimFormatOf(this.settings.fimFormat, facts) : undefined;
            const fim = role === "completion" ? `, FIM ${this.format?.name ?? "none"}` : "";
            this.deps.log.info(`${role} server ${this.http!.origin}: ${kind}, model ${facts.model}, context ${facts.contextSize ?? "unknown"}${fim}`);
            this.healthy(performance.now() - started);
            return facts;
        } catch (error) {
            if (!signal.aborted) this.failed(error);
            throw error;
        }
    }

    private async track(work: Promise<ServerResult>, signal: AbortSignal): Promise<GenerationResult> {
        try {
            const result = await work;
            this.healthy(result.answerMs);
            return result;
        } catch (error) {
            if (!signal.aborted) this.failed(error);
            throw error;
        }
    }

    /** The server answered: what is left to say is only that its model cannot complete, if it cannot. */
    private healthy(latencyMs: number): void {
        this.latencyMs = latencyMs;
        const known = this.known;
        const noFim = this.settings.role === "completion" && known && !this.format
            ? `${known.model} on ${this.http!.origin} has no fill-in-the-middle tokens Hearth knows, so it cannot offer inline completions. Run a code model such as Qwen2.5-Coder, or set hearth.server.fimFormat if it has them.`
            : undefined;
        if (noFim !== this.problem) return this.setProblem(noFim);
        if (performance.now() - this.latencyShownAt > latencyUpdateMs) {
            this.latencyShownAt = performance.now();
            this.deps.changed();
        }
    }

    private failed(error: unknown): void {
        if (!(error instanceof EngineError)) this.deps.log.error(`${this.settings.role} server: ${error instanceof Error ? error.stack : String(error)}`);
        if (error instanceof EngineError && error.code === EngineErrorCode.ServerUnreachable) this.facts = undefined;
        this.setProblem(error instanceof Error ? error.message : String(error));
    }

    private setProblem(problem: string | undefined): void {
        if (problem === this.problem) return;
        this.problem = problem;
        if (problem) this.deps.log.warn(`${this.settings.role} server: ${problem}`);
        else this.deps.log.info(`${this.settings.role} server ${this.http?.origin}: serving again`);
        this.latencyShownAt = performance.now();
        this.deps.changed();
    }
}

/** The setting's format, else the one the server's tokenizer knows, else the model name's; undefined when none. */
function fimFormatOf(setting: FimFormatSetting, facts: ServerFacts): FimFormat | undefined {
    if (setting !== "auto") return fimFormats[setting];
    if (facts.fim === "none") return undefined;
    if (facts.fim) return facts.fim;
    const named = fimFormatFromName(facts.model);
    return named ? fimFormats[named] : undefined;
}
