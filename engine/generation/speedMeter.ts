// How fast the model evaluates prompts and generates on this machine (or server) right now. It starts from a guess
// that fits a slow CPU; the first measurement (a short probe at load, or the first answer) replaces the guess, and
// every evaluation after it is blended in, so that a machine that gets busy (a build, a test run) is seen as slower
// within a few requests and prompts shrink to fit.
import type { ModelSpeed } from "../runtime/inference";

/** Weight of the newest sample: a handful of requests is enough to follow a change of load. */
const newest = 0.3;
/** Fewer tokens than this say more about fixed costs than about speed. */
const minPromptTokens = 16;
const minGeneratedTokens = 4;

export class SpeedMeter {
    private prompt: number;
    private generated: number;
    /** Whether each figure is still the starting guess, which the first sample replaces rather than nudges. */
    private promptGuessed = true;
    private generatedGuessed = true;

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
        if (tokens < minPromptTokens || ms <= 0) return;
        this.prompt = this.promptGuessed ? (tokens / ms) * 1000 : blend(this.prompt, (tokens / ms) * 1000);
        this.promptGuessed = false;
    }

    /** Records `tokens` tokens generated in `ms`. */
    noteGeneration(tokens: number, ms: number): void {
        if (tokens < minGeneratedTokens || ms <= 0) return;
        this.generated = this.generatedGuessed ? (tokens / ms) * 1000 : blend(this.generated, (tokens / ms) * 1000);
        this.generatedGuessed = false;
    }

    /** Replaces the estimate with a fresh measurement, such as the probe at load. */
    reset(speed: ModelSpeed): void {
        this.prompt = speed.promptTokensPerSecond;
        this.generated = speed.generatedTokensPerSecond;
        this.promptGuessed = false;
        this.generatedGuessed = false;
    }
}

function blend(previous: number, sample: number): number {
    return previous * (1 - newest) + sample * newest;
}
