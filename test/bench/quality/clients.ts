// Three ways to fill a masked span with the same model: Hearth exactly as VS Code drives it (didOpen, then
// textDocument/inlineCompletion, the returned item applied), the model alone with a plain fill-in-the-middle
// prompt (greedy, nothing cut), and llama.vscode's /infill request to llama-server.
import { LspClient } from "../../engine/lspClient";
import { applyItem, itemsOf, positionOf } from "../../support/inlineItem";
import { LlamaServerProcess } from "../../support/llamaServer";
import { N_PREFIX, N_SUFFIX } from "../llamaVscodeDriver";
import { infill, llamaVscodeServerArgs } from "../llamaVscodeServer";

export interface MaskedDocument {
    uri: string;
    language: string;
    /** The file without the span, and the cursor where the span was. */
    text: string;
    cursor: number;
}

export interface CompletionClient {
    name: string;
    /** The document once the client's answer is accepted. */
    complete(document: MaskedDocument): Promise<string>;
    close(): Promise<void>;
}

export interface ClientOptions {
    modelPath: string;
    maxTokens: number;
    contextSize: number;
}

export async function hearthClient(options: ClientOptions): Promise<CompletionClient> {
    const client = new LspClient();
    const status = await client.start({ model: { path: options.modelPath, contextSize: options.contextSize, threads: 1 }, completion: { maxTokens: options.maxTokens } });
    if (status.state !== "ready") {
        await client.stop();
        throw new Error(`the engine did not load ${options.modelPath}: ${status.message ?? status.state}`);
    }
    return {
        name: "Hearth",
        async complete(document) {
            client.open(document.uri, document.text, document.language);
            const { line, character } = positionOf(document.text, document.cursor);
            const answer = await client.call("textDocument/inlineCompletion", { textDocument: { uri: document.uri }, position: { line, character }, context: { triggerKind: 2 } });
            client.notify("textDocument/didClose", { textDocument: { uri: document.uri } });
            const [item] = itemsOf(answer);
            return item ? applyItem(document.text, item) : document.text;
        },
        close: () => client.stop()
    };
}

export async function rawFimClient(options: ClientOptions): Promise<CompletionClient> {
    const { getLlama, LlamaCompletion } = await import("node-llama-cpp");
    const llama = await getLlama({ build: "never" });
    const model = await llama.loadModel({ modelPath: options.modelPath });
    const context = await model.createContext({ contextSize: Math.min(options.contextSize, model.trainContextSize), threads: 1 });
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    if (!completion.infillSupported) throw new Error(`${options.modelPath} has no fill-in-the-middle tokens`);
    // The prompt's room, seven tenths for the text before the cursor and the rest for the text after it.
    const room = context.contextSize - options.maxTokens - 8;
    const prefixRoom = Math.floor(room * 0.7);
    const tokens = (text: string) => model.tokenize(text, false);
    return {
        name: "model alone (plain FIM, greedy)",
        async complete(document) {
            const prefix = document.text.slice(0, document.cursor);
            const suffix = document.text.slice(document.cursor);
            // Tokens are rarely longer than eight characters: tokenize that much at most, then keep what fits.
            const before = tokens(prefix.slice(-prefixRoom * 8)).slice(-prefixRoom);
            const after = tokens(suffix.slice(0, (room - prefixRoom) * 8)).slice(0, room - prefixRoom);
            const middle = await completion.generateInfillCompletion(before, after, { maxTokens: options.maxTokens, temperature: 0 });
            return prefix + middle + suffix;
        },
        async close() {
            await context.dispose();
            await model.dispose();
            await llama.dispose();
        }
    };
}

export async function llamaServerClient(serverPath: string, options: ClientOptions): Promise<CompletionClient> {
    const server = await LlamaServerProcess.start(serverPath, options.modelPath, llamaVscodeServerArgs(1, options.contextSize));
    return {
        name: "llama.vscode's /infill on llama-server",
        async complete(document) {
            const lines = document.text.split("\n");
            const { line, character } = positionOf(document.text, document.cursor);
            const linePrefix = lines[line].slice(0, character);
            const data = await infill(server.url, {
                input_prefix: `${lines.slice(Math.max(0, line - N_PREFIX), line).join("\n")}\n`,
                input_suffix: `${lines[line].slice(character)}\n${lines.slice(line + 1, line + 1 + N_SUFFIX).join("\n")}\n`,
                input_extra: [],
                prompt: linePrefix,
                n_predict: options.maxTokens,
                top_k: 40,
                top_p: 0.99,
                stream: false,
                samplers: ["top_k", "top_p", "infill"],
                cache_prompt: true,
                t_max_prompt_ms: 500,
                t_max_predict_ms: 1000
            });
            // As llama.vscode shows it: without trailing blank lines, inserted at the cursor.
            const suggestion = data.content.replace(/\s+$/, "");
            return document.text.slice(0, document.cursor) + suggestion + document.text.slice(document.cursor);
        },
        close: () => server.stop()
    };
}
