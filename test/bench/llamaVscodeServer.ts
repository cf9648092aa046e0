// llama-server as llama.vscode's documentation starts a CPU completion server, and its /infill endpoint: what the
// benchmarks that compare Hearth with llama.vscode drive. The process itself is test/support/llamaServer.ts's.
import { LlamaServerProcess } from "../support/llamaServer";

export interface InfillResponse {
    content: string;
    tokens_evaluated?: number;
    timings?: { prompt_n?: number; cache_n?: number; predicted_n?: number };
}

/**
 * llama.vscode's command line with `slots` parallel slots of `contextPerSlot` tokens each: llama-server splits `-c`
 * among its slots, so it is scaled with them. It cuts an /infill prompt to one batch; in a small context, half of
 * it leaves room for the answer.
 */
export function llamaVscodeServerArgs(slots = 1, contextPerSlot = 8192): string[] {
    const batch = String(Math.min(1024, Math.floor(contextPerSlot / 2)));
    return ["-c", String(contextPerSlot * slots), "-np", String(slots), "-t", "2", "-ub", batch, "-b", batch, "-fa", "on", "--cache-reuse", "256"];
}

/** Runs `work` against a fresh llama-server started with llama.vscode's command line and `slots` slots, and stops it after. */
export async function withLlamaVscodeServer<T>(serverPath: string, modelPath: string, slots: number, work: (url: string) => Promise<T>): Promise<T> {
    const server = await LlamaServerProcess.start(serverPath, modelPath, llamaVscodeServerArgs(slots));
    try {
        return await work(server.url);
    } finally {
        await server.stop();
    }
}

export async function infill(url: string, body: object): Promise<InfillResponse> {
    const response = await fetch(`${url}/infill`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`llama-server /infill answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as InfillResponse;
}
