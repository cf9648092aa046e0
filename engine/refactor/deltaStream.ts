// Turns the growing answer into the pieces `hearth/refactor/run` streams: the raw text appended since the
// last piece, and the code taken from the answer, sent as an append when it only grew and in full when it changed.
import type { RefactorDelta } from "../protocol";
import { extractAnswerCode, type ExtractedCode } from "./fences";

export class DeltaStream {
    private sentText = "";
    private sentCode = "";
    private latest: ExtractedCode = { code: "", fenced: false, closed: false };

    /** `answerPrefix` is the start of the answer Hearth wrote for the model; the first piece carries it. */
    constructor(private readonly answerPrefix: string, private readonly send: (delta: RefactorDelta) => void) {}

    get extracted(): ExtractedCode {
        return this.latest;
    }

    /** Takes the answer that may be shown so far (without the prefix) and sends what is new. */
    update(generated: string, final = false): ExtractedCode {
        const stable = this.answerPrefix + generated;
        this.latest = extractAnswerCode(this.answerPrefix, generated, final);
        const text = stable.startsWith(this.sentText) ? stable.slice(this.sentText.length) : "";
        const code = this.latest.code;
        const appended = code.startsWith(this.sentCode);
        const codeChange = appended ? code.slice(this.sentCode.length) : code;
        if (text === "" && appended && codeChange === "") return this.latest;
        this.sentText = stable.startsWith(this.sentText) ? stable : this.sentText;
        this.sentCode = code;
        this.send(appended ? { text, code: codeChange } : { text, code: codeChange, codeReset: true });
        return this.latest;
    }
}
