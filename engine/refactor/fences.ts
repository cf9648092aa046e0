// Takes the code out of a model's answer: models wrap code in Markdown fences and often add prose around it.
// Works on partial answers too, so a streamed proposal shows code, not fences, while it is being written.

export interface ExtractedCode {
    /** The code, without fences, without leading or trailing blank lines. */
    code: string;
    /** True when the code came from a fenced block. */
    fenced: boolean;
    /** True when that block was closed: the model has finished the code. */
    closed: boolean;
}

interface Block {
    lines: string[];
    closed: boolean;
}

const openingFence = /^\s*(`{3,}|~{3,})\s*[^`\s]*[^`]*$/;
/** A line that may still become a fence once more characters arrive. */
const partialFence = /^\s*(`{1,}|~{1,})\s*$/;

function isClosingFence(line: string, opener: string): boolean {
    const match = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
    return match !== null && match[1][0] === opener[0] && match[1].length >= opener.length;
}

/** Drops a reasoning preamble (`<think>…</think>`) that some chat models write before answering. */
function withoutThinking(text: string): string {
    const match = /^\s*<think>[\s\S]*?(<\/think>|$)/.exec(text);
    return match ? text.slice(match[0].length) : text;
}

function trimBlankLines(lines: string[]): string[] {
    let start = 0;
    let end = lines.length;
    while (start < end && lines[start].trim() === "") start++;
    while (end > start && lines[end - 1].trim() === "") end--;
    return lines.slice(start, end);
}

/** `final` false: the answer is still growing, so its last line may be a fence with more to come ("```" then "ts"). */
function findBlocks(lines: string[], final: boolean): Block[] {
    const blocks: Block[] = [];
    for (let i = 0; i < lines.length; i++) {
        const open = openingFence.exec(lines[i]);
        if (!open) continue;
        const body: string[] = [];
        let closed = false;
        for (i++; i < lines.length; i++) {
            if (isClosingFence(lines[i], open[1]) && (final || i < lines.length - 1)) {
                closed = true;
                break;
            }
            body.push(lines[i]);
        }
        // While streaming, the last line of an open block may be the first backticks of its closing fence.
        if (!closed && body.length > 0 && partialFence.test(body[body.length - 1])) body.pop();
        blocks.push({ lines: body, closed });
    }
    return blocks;
}

/**
 * The code in `answer`: the longest fenced block when there is one (a short second block is usually an
 * example of use), else the whole answer. Line ends become "\n". While the answer is still being
 * generated (`final` false), a block counts as closed only once its closing fence line has ended.
 */
export function extractCode(answer: string, final = true): ExtractedCode {
    const lines = withoutThinking(answer).replace(/\r\n?/g, "\n").split("\n");
    const blocks = findBlocks(lines, final);
    if (blocks.length === 0) {
        const kept = partialFence.test(lines[lines.length - 1] ?? "") ? lines.slice(0, -1) : lines;
        return { code: trimBlankLines(kept).join("\n"), fenced: false, closed: false };
    }
    let best = blocks[0];
    for (const block of blocks) {
        if (block.lines.join("\n").length > best.lines.join("\n").length) best = block;
    }
    return { code: trimBlankLines(best.lines).join("\n"), fenced: true, closed: best.closed };
}

/**
 * The code in an answer that Hearth opened with `answerPrefix` (a fence) and the model continued with
 * `generated`. A model that ignores the opened fence and starts over with prose and a fence of its own
 * ("Here is the code:\n```ts\n…") is read from its own text; otherwise prefix and text are one answer.
 */
export function extractAnswerCode(answerPrefix: string, generated: string, final = true): ExtractedCode {
    const opener = /^(`{3,}|~{3,})/.exec(answerPrefix)?.[1];
    if (opener) {
        const lines = withoutThinking(generated).replace(/\r\n?/g, "\n").split("\n");
        const firstFence = lines.find((line) => /^\s*(`{3,}|~{3,})/.test(line));
        // A fence with an info string ("```ts") can only open a block; the prefix's block is closed by a bare one.
        const own = firstFence === undefined ? null : /^\s*(`{3,}|~{3,})\s*[^`\s]/.exec(firstFence);
        if (own && own[1][0] === opener[0] && own[1].length >= opener.length) return extractCode(generated, final);
    }
    return extractCode(answerPrefix + generated, final);
}

/** The longest run of backticks in `text`, so a fence around it can be made longer. */
export function longestBacktickRun(text: string): number {
    let longest = 0;
    for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
    return longest;
}

/** A fence that cannot be closed by anything inside `text`. */
export function fenceFor(text: string): string {
    return "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
}
