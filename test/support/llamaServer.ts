// A real llama-server for tests and benchmarks: found through LLAMA_SERVER or the build that
// scripts/buildLlamaServer.sh leaves in .cache/, started on a free port with a generated model, stopped after.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { until } from "./until";

const cachedBuild = join(__dirname, "..", "..", ".cache", "llama-server", "bin", "llama-server");

/** The llama-server binary, or why there is none. */
export function findLlamaServer(): { path: string } | { missing: string } {
    const fromEnv = process.env.LLAMA_SERVER;
    if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv } : { missing: `LLAMA_SERVER=${fromEnv} does not exist` };
    if (existsSync(cachedBuild)) return { path: cachedBuild };
    return { missing: `no llama-server at ${cachedBuild} and LLAMA_SERVER is not set; build one with scripts/buildLlamaServer.sh` };
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as { port: number };
            server.close(() => resolve(port));
        });
    });
}

export class LlamaServerProcess {
    readonly url: string;
    private readonly child: ChildProcess;
    private log = "";
    private exit: { code: number | null; signal: string | null; error?: Error } | undefined;
    private readonly killOnExit = () => this.child.kill("SIGKILL");

    private constructor(serverPath: string, modelPath: string, port: number, args: readonly string[]) {
        this.url = `http://127.0.0.1:${port}`;
        this.child = spawn(serverPath, ["-m", modelPath, "--host", "127.0.0.1", "--port", String(port), ...args], { stdio: ["ignore", "pipe", "pipe"] });
        const keep = (data: Buffer) => (this.log += data.toString());
        this.child.stdout!.on("data", keep);
        this.child.stderr!.on("data", keep);
        this.child.on("error", (error) => (this.exit = { code: null, signal: null, error }));
        this.child.on("exit", (code, signal) => (this.exit ??= { code, signal }));
        process.once("exit", this.killOnExit);
    }

    /** Starts llama-server on `modelPath` with `args` and waits until /health answers. */
    static async start(serverPath: string, modelPath: string, args: readonly string[], timeoutMs = 180_000): Promise<LlamaServerProcess> {
        const server = new LlamaServerProcess(serverPath, modelPath, await freePort(), args);
        try {
            await until("llama-server to answer /health", async () => {
                if (server.exit) {
                    const why = server.exit.error?.message ?? `exited with code ${server.exit.code} (signal ${server.exit.signal})`;
                    throw new Error(`llama-server failed to start: ${why}\n--- llama-server output ---\n${server.output}`);
                }
                return (await fetch(`${server.url}/health`).then((r) => r.ok, () => false)) ? true : undefined;
            }, timeoutMs, 200);
        } catch (error) {
            await server.stop();
            throw error;
        }
        return server;
    }

    /** The last of what it printed, for a failure message. */
    get output(): string {
        return this.log.slice(-8000);
    }

    /** How many lines it printed so far match `pattern` (such as "cancel task", when a client closed its request). */
    count(pattern: RegExp): number {
        return this.log.split("\n").filter((line) => pattern.test(line)).length;
    }

    async stop(): Promise<void> {
        process.removeListener("exit", this.killOnExit);
        if (this.child.exitCode !== null || this.child.signalCode !== null || this.exit?.error) return;
        const exited = new Promise((resolve) => this.child.once("exit", resolve));
        this.child.kill("SIGTERM");
        const force = setTimeout(() => this.child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(force);
    }
}

/**
 * For a test suite that needs llama-server: the binary, or `skip` with the reason to print. In CI (CI set) a
 * missing binary is a failure that says how to build one, never a silent skip.
 */
export function llamaServerForTests(): { path: string; skip: false } | { path: undefined; skip: string } {
    const found = findLlamaServer();
    if ("path" in found) return { path: found.path, skip: false };
    if (process.env.CI) throw new Error(`llama-server is required for these tests in CI: ${found.missing}`);
    process.stdout.write(`# skipping the llama-server tests: ${found.missing}\n`);
    return { path: undefined, skip: found.missing };
}

/** llama-server's counters (`--metrics`): tokens generated in all, and requests still being processed. */
export async function llamaServerMetrics(url: string): Promise<{ predicted: number; processing: number }> {
    const text = await (await fetch(`${url}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^llamacpp:${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
    return { predicted: value("tokens_predicted_total"), processing: value("requests_processing") };
}
