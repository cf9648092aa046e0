// Splits a streamed HTTP body into its events' payloads: server-sent events (`data: …` blocks, which
// llama-server, vLLM and other OpenAI-compatible servers send) or newline-delimited JSON (which Ollama sends).

export type Framing = "sse" | "ndjson";

/** The payload an OpenAI-style stream ends with. */
export const endOfStream = "[DONE]";

export class EventSplitter {
    private pending = "";

    constructor(private readonly framing: Framing) {}

    /** Takes the next piece of the body; returns the payloads it completed. */
    push(text: string): string[] {
        this.pending += text.replace(/\r\n?/g, "\n");
        const separator = this.framing === "sse" ? "\n\n" : "\n";
        const parts = this.pending.split(separator);
        this.pending = parts.pop()!;
        return parts.map((part) => this.payload(part)).filter((payload): payload is string => payload !== undefined);
    }

    /** What is left when the body ends: a last event without its closing blank line. */
    finish(): string[] {
        const last = this.payload(this.pending);
        this.pending = "";
        return last === undefined ? [] : [last];
    }

    private payload(part: string): string | undefined {
        if (this.framing === "ndjson") return part.trim() === "" ? undefined : part.trim();
        // An SSE event's data lines, joined; comments (": ping") and other fields carry nothing for Hearth.
        const data = part
            .split("\n")
            .filter((line) => line.startsWith("data:"))
            .map((line) => line.slice(line.startsWith("data: ") ? 6 : 5));
        return data.length === 0 ? undefined : data.join("\n");
    }
}
