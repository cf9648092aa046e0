// A plain LSP client that knows only the specification: Content-Length framing and JSON-RPC over the
// engine's stdio. Engine tests use it so they talk to `dist/engine.js --stdio` exactly as any editor would.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineDebugEnv, engineProcessEnv, type EngineDebugKnobs } from "../../engine/protocol";

export interface RpcError {
    code: number;
    message: string;
}

export interface PendingRequest<T> {
    id: number;
    result: Promise<T>;
}

/** A request that streams: what arrived on its progress token so far, and a wait for more. */
export interface StreamingRequest<R, T> extends PendingRequest<R> {
    progress: () => T[];
    /** Resolves with the first value (past or future) on the request's token that satisfies `match`. */
    waitForProgress(match?: (value: T) => boolean): Promise<T>;
}

export interface LogMessage {
    /** 1 error, 2 warning, 3 info, 5 debug. */
    type: number;
    message: string;
}

interface ProgressParams<T = unknown> {
    token: string | number;
    value: T;
}

interface Message {
    jsonrpc: "2.0";
    id?: number | string;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: RpcError;
}

export class RpcResponseError extends Error {
    constructor(readonly code: number, message: string) {
        super(message);
    }
}

const waitLimitMs = 120_000;

/** The environment that lets a client turn the engine's test knobs (hearth/debug/configure). */
export const debugEnv = { [engineDebugEnv]: "1" };
const engineModule = join(__dirname, "..", "..", "dist", "engine.js");

const freshStateDirs = new Set<string>();
process.on("exit", () => {
    for (const dir of freshStateDirs) rmSync(dir, { recursive: true, force: true });
});

function freshStateDir(): string {
    const dir = mkdtempSync(join(tmpdir(), "hearth-engine-state-"));
    freshStateDirs.add(dir);
    return dir;
}

export class LspClient {
    readonly process: ChildProcess;
    readonly notifications: Message[] = [];
    /** What the engine printed outside the protocol: native libraries, and its last words. */
    stderr = "";
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private nextToken = 1;
    private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
    private waiters: Array<() => void> = [];
    private ticker: NodeJS.Timeout | undefined;
    private exited: Promise<number | null>;

    /** `stateDir`: where the engine keeps the loads that ended an engine; a fresh folder unless a test shares one. */
    constructor(env: NodeJS.ProcessEnv = {}, readonly stateDir = freshStateDir()) {
        // Started as the extension starts it.
        this.process = spawn(process.execPath, [engineModule, "--stdio", "--state-dir", stateDir], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...engineProcessEnv, ...env } });
        this.process.stdout!.on("data", (chunk: Buffer) => this.receive(chunk));
        this.process.stderr!.on("data", (chunk: Buffer) => {
            this.stderr += chunk.toString();
            this.wake();
        });
        this.exited = new Promise((resolve) => this.process.on("exit", (code) => resolve(code)));
        this.process.on("exit", () => {
            for (const request of this.pending.values()) request.reject(new Error(`engine exited\n${this.logTail()}`));
            this.pending.clear();
            this.wake();
        });
    }

    get exitCode(): Promise<number | null> {
        return this.exited;
    }

    send(message: Omit<Message, "jsonrpc">): void {
        const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
        this.process.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]));
    }

    /** Sends raw bytes, for tests of malformed input. */
    sendRaw(text: string): void {
        this.process.stdin!.write(text);
    }

    request<T = unknown>(method: string, params?: unknown): PendingRequest<T> {
        const id = this.nextId++;
        const result = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve, reject }));
        this.send({ id, method, params });
        return { id, result };
    }

    call<T = unknown>(method: string, params?: unknown): Promise<T> {
        return this.request<T>(method, params).result;
    }

    /** Sends a request with a fresh `$/progress` token in `tokenField` of its params, and keeps what arrives on it. */
    stream<R = unknown, T = unknown>(method: string, params: object, tokenField: "partialResultToken" | "workDoneToken" = "partialResultToken"): StreamingRequest<R, T> {
        const token = `progress-${this.nextToken++}`;
        const pending = this.request<R>(method, { ...params, [tokenField]: token });
        const onToken = (params: ProgressParams) => params.token === token;
        return {
            ...pending,
            progress: () => this.notifications.filter((m) => m.method === "$/progress" && onToken(m.params as ProgressParams)).map((m) => (m.params as ProgressParams<T>).value),
            waitForProgress: async (match = () => true) => (await this.waitForNotification<ProgressParams<T>>("$/progress", (p) => onToken(p) && match(p.value))).value
        };
    }

    /** Sets test knobs; the engine must have been started with `debugEnv`. */
    configureDebug(knobs: Partial<EngineDebugKnobs>): Promise<EngineDebugKnobs> {
        return this.call<EngineDebugKnobs>("hearth/debug/configure", knobs);
    }

    notify(method: string, params?: unknown): void {
        this.send({ method, params });
    }

    cancel(id: number): void {
        this.notify("$/cancelRequest", { id });
    }

    /** Resolves with the first notification (past or future) of `method` that satisfies `match`. */
    async waitForNotification<T = unknown>(method: string, match: (params: T) => boolean = () => true, from = 0): Promise<T> {
        const give = this.deadline(`a ${method} notification`);
        for (;;) {
            const found = this.notifications.slice(from).find((m) => m.method === method && match(m.params as T));
            if (found) return found.params as T;
            if (this.process.exitCode !== null) throw new Error(`engine exited while waiting for ${method}\n${this.logTail()}`);
            give();
            await new Promise<void>((resolve) => this.waiters.push(resolve));
        }
    }

    /** A test that waits forever hides its failure: waits give up after a generous bound and say what they waited for. */
    private deadline(what: string): () => void {
        const until = Date.now() + waitLimitMs;
        if (!this.ticker) {
            this.ticker = setInterval(() => this.wake(), 1000);
            this.ticker.unref();
        }
        return () => {
            if (Date.now() > until) throw new Error(`gave up waiting ${waitLimitMs / 1000} s for ${what}\n${this.logTail()}`);
        };
    }

    /** The engine's log: its window/logMessage notifications so far. */
    get logMessages(): LogMessage[] {
        return this.notifications.filter((m) => m.method === "window/logMessage").map((m) => m.params as LogMessage);
    }

    /** The end of the engine's log and of its stderr, for a failure message. */
    logTail(chars = 2000): string {
        const log = this.logMessages.map((m) => m.message).join("\n");
        return `log:\n${log.slice(-chars)}\nstderr:\n${this.stderr.slice(-chars)}`;
    }

    /** Resolves with the first log message (past or future) that matches `pattern`. */
    waitForLog(pattern: RegExp): Promise<LogMessage> {
        return this.waitForNotification<LogMessage>("window/logMessage", (m) => pattern.test(m.message));
    }

    async initialize(settings: unknown): Promise<unknown> {
        const result = await this.call("initialize", {
            processId: process.pid,
            clientInfo: { name: "plain-lsp-client" },
            rootUri: null,
            capabilities: { window: { showMessage: {} } },
            initializationOptions: settings
        });
        this.notify("initialized", {});
        return result;
    }

    /** Initializes with `settings` and waits until the model is ready (or fails). */
    async start(settings: unknown): Promise<{ state: string; message?: string }> {
        await this.initialize(settings);
        return this.waitForNotification<{ state: string; message?: string }>("hearth/status/didChange", (s) => s.state !== "starting" && s.state !== "loading");
    }

    open(uri: string, text: string, languageId = "typescript", version = 1): void {
        this.notify("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
    }

    async stop(): Promise<void> {
        if (this.process.exitCode !== null || this.process.signalCode !== null) return;
        await this.call("shutdown").catch(() => undefined);
        this.notify("exit");
        await this.exited;
    }

    kill(): void {
        this.process.kill("SIGKILL");
    }

    private wake(): void {
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
    }

    private receive(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const headerEnd = this.buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0) return;
            const header = this.buffer.subarray(0, headerEnd).toString("ascii");
            const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
            if (this.buffer.length < headerEnd + 4 + length) return;
            const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
            this.buffer = this.buffer.subarray(headerEnd + 4 + length);
            this.dispatch(JSON.parse(body) as Message);
        }
    }

    private dispatch(message: Message): void {
        if (message.method !== undefined && message.id !== undefined) {
            // A request from the engine: answer as a minimal editor would.
            const result = message.method === "workspace/configuration" ? (message.params as { items: unknown[] }).items.map(() => null) : null;
            this.send({ id: message.id, result });
            return;
        }
        if (message.method !== undefined) {
            this.notifications.push(message);
            this.wake();
            return;
        }
        const pending = this.pending.get(message.id as number);
        if (!pending) return;
        this.pending.delete(message.id as number);
        if (message.error) pending.reject(new RpcResponseError(message.error.code, message.error.message));
        else pending.resolve(message.result);
    }
}
