// A llama-server started for the benchmark with the command line llama.vscode's documentation gives for a CPU
// completion server, and its /infill endpoint.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

export interface InfillResponse {
    content: string;
    tokens_evaluated?: number;
    timings?: { prompt_n?: number; cache_n?: number; predicted_n?: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
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
    private log = "";
    private exit: { code: number | null; signal: string | null; error?: Error } | undefined;
    private readonly killOnExit = () => this.child.kill("SIGKILL");

    private constructor(private readonly child: ChildProcess, readonly url: string) {
        const keep = (data: Buffer) => (this.log = (this.log + data.toString()).slice(-8000));
        child.stdout!.on("data", keep);
        child.stderr!.on("data", keep);
        child.on("error", (error) => (this.exit = { code: null, signal: null, error }));
        child.on("exit", (code, signal) => (this.exit ??= { code, signal }));
        process.once("exit", this.killOnExit);
    }

    static async start(serverPath: string, modelPath: string): Promise<LlamaServerProcess> {
        if (!existsSync(serverPath)) throw new Error(`llama-server not found at ${serverPath} (build it with scripts/buildLlamaServer.sh)`);
        const port = await freePort();
        const args = ["-m", modelPath, "--host", "127.0.0.1", "--port", String(port), "-c", "8192", "-t", "2", "-ub", "1024", "-b", "1024", "-fa", "on", "--cache-reuse", "256"];
        const server = new LlamaServerProcess(spawn(serverPath, args, { stdio: ["ignore", "pipe", "pipe"] }), `http://127.0.0.1:${port}`);
        await server.waitUntilHealthy();
        return server;
    }

    get pid(): number {
        return this.child.pid!;
    }

    async infill(body: object): Promise<InfillResponse> {
        const response = await fetch(`${this.url}/infill`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(`llama-server /infill answered ${response.status}: ${await response.text()}`);
        return (await response.json()) as InfillResponse;
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

    private async waitUntilHealthy(timeoutMs = 180_000): Promise<void> {
        const deadline = performance.now() + timeoutMs;
        while (performance.now() < deadline) {
            if (this.exit) {
                const why = this.exit.error?.message ?? `exited with code ${this.exit.code} (signal ${this.exit.signal})`;
                throw new Error(`llama-server failed to start: ${why}\n--- llama-server output ---\n${this.log}`);
            }
            const ok = await fetch(`${this.url}/health`).then((r) => r.ok, () => false);
            if (ok) return;
            await sleep(200);
        }
        throw new Error(`llama-server did not become healthy within ${timeoutMs / 1000} s\n--- llama-server output ---\n${this.log}`);
    }
}
