// How fast the model evaluates prompts and generates on this machine right now. It starts from a short probe at
// load and follows every evaluation after it, so that a machine that gets busy (a build, a test run) is seen as
// slower within a few requests and prompts shrink to fit.
import type { ModelSpeed } from "../runtime/inference";

/** Weight of the newest sample: a handful of requests is enough to follow a change of load. */
const newest = 0.3;
/** Fewer tokens than this say more about fixed costs than about speed. */
const minPromptTokens = 16;
const minGeneratedTokens = 4;

export class SpeedMeter {
    private prompt: number;
    private generated: number;

    /** Starts from a guess that fits a slow CPU, so that nothing is slow before the first measurement. */
    constructor(initial: ModelSpeed = { promptTokensPerSecond: 100, generatedTokensPerSecond: 10 }) {
        this.prompt = initial.promptTokensPerSecond;
        this.generated = initial.generatedTokensPerSecond;
    }

    get speed(): ModelSpeed {
        return { promptTokensPerSecond: this.prompt, generatedTokensPerSecond: this.generated };
    }

    /** Records `tokens` prompt tokens evaluated in `ms`. */
    notePrompt(tokens: number, ms: number): void {
        if (tokens >= minPromptTokens && ms > 0) this.prompt = blend(this.prompt, (tokens / ms) * 1000);
    }

    /** Records `tokens` tokens generated in `ms`. */
    noteGeneration(tokens: number, ms: number): void {
        if (tokens >= minGeneratedTokens && ms > 0) this.generated = blend(this.generated, (tokens / ms) * 1000);
    }

    /** Replaces the estimate with a fresh measurement, such as the probe at load. */
    reset(speed: ModelSpeed): void {
        this.prompt = speed.promptTokensPerSecond;
        this.generated = speed.generatedTokensPerSecond;
    }
}

function blend(previous: number, sample: number): number {
    return previous * (1 - newest) + sample * newest;
}
