// The settings the engine reads: the `hearth` section, as `initializationOptions` and `workspace/didChangeConfiguration` carry it.

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
    };
}
