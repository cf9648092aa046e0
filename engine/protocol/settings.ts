// The settings the engine reads: the `hearth` section, as `initializationOptions` and `workspace/didChangeConfiguration` carry it.

/** What runs a role: the model in the engine's own process, or an inference server of one of these kinds. */
export type BackendKind = "local" | "llama-server" | "openai" | "ollama";
export type ServerKind = Exclude<BackendKind, "local">;

/** The fill-in-the-middle tokens a server's model uses; "auto" learns them from the server or the model's name. */
export type FimFormatSetting = "auto" | "qwen" | "codegemma" | "starcoder" | "deepseek" | "codellama";

/** The server a role uses when its backend is not "local". */
export interface RoleServerSettings {
    /** Its base URL, e.g. `http://gpu-box:8080`; empty when none is set. */
    url: string;
    /** The model to ask for, where the server serves several; empty takes the one it serves. */
    model: string;
}

/** The `hearth` settings object exactly as the editor holds it (after sanitising, every field is present). */
export interface HearthSettings {
    model: {
        /** Absolute path of a GGUF file; empty when none is configured. */
        path: string;
        contextSize: number;
        gpuLayers: "auto" | "max" | number;
        /** 0 means the number of physical cores. */
        threads: number;
        /** Where models are downloaded from: Hugging Face or a mirror of it. */
        huggingFaceEndpoint: string;
        /** Unload the model after this many minutes without use (it loads again on the next request); 0 never unloads. */
        unloadAfterMinutes: number;
    };
    completion: {
        enabled: boolean;
        maxTokens: number;
        /** How many distinct suggestions to offer when the user asks for one or cycles through them. */
        alternatives: number;
        backend: BackendKind;
        server: RoleServerSettings;
    };
    chat: {
        /** Instructions given to the model before every conversation; empty sends none. */
        systemPrompt: string;
        /** Tokens of context the chat keeps (its own KV cache, beside the completions'). */
        contextSize: number;
        /** The most tokens one answer may have. */
        maxTokens: number;
        /** 0 always picks the likeliest token. */
        temperature: number;
        model: {
            /** A GGUF file for the chat only; empty means the completion model answers chats too. */
            path: string;
        };
        /** Chat and refactors share it. */
        backend: BackendKind;
        server: RoleServerSettings;
    };
    server: {
        fimFormat: FimFormatSetting;
        /** Lets code go over plain http to a server that is not on this machine. */
        allowInsecureHttp: boolean;
    };
}
