// Checks a hearth/chat/send request field by field. Every problem is a TypeError, which the request
// guard turns into an InvalidParams answer naming the field.
import { chatRequestLimits, chatTurnChars, type ChatContextItem, type ChatSendParams, type ChatTurn } from "../protocol";

const { maxChars: maxRequestChars, maxMessages, maxContextItems } = chatRequestLimits;

const contextKinds: ReadonlySet<string> = new Set(["selection", "file", "editor"]);

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
    throw new TypeError(message);
}

function text(value: unknown, path: string): string {
    if (typeof value !== "string") fail(`${path} must be a string`);
    return value;
}

function contextItem(value: unknown, path: string): ChatContextItem {
    if (!isRecord(value)) fail(`${path} must be an object`);
    const kind = text(value.kind, `${path}.kind`);
    if (!contextKinds.has(kind)) fail(`${path}.kind must be "selection", "file" or "editor"`);
    const item: ChatContextItem = {
        kind: kind as ChatContextItem["kind"],
        source: text(value.source, `${path}.source`),
        language: text(value.language ?? "", `${path}.language`),
        text: text(value.text, `${path}.text`)
    };
    if (value.startLine !== undefined) {
        if (typeof value.startLine !== "number" || !Number.isInteger(value.startLine) || value.startLine < 0) fail(`${path}.startLine must be a line number`);
        item.startLine = value.startLine;
    }
    return item;
}

function turn(value: unknown, path: string): ChatTurn {
    if (!isRecord(value)) fail(`${path} must be an object`);
    const role = value.role;
    if (role !== "user" && role !== "assistant") fail(`${path}.role must be "user" or "assistant"`);
    const result: ChatTurn = { role, text: text(value.text, `${path}.text`) };
    if (value.context !== undefined) {
        if (!Array.isArray(value.context)) fail(`${path}.context must be an array`);
        if (value.context.length > maxContextItems) fail(`${path}.context has more than ${maxContextItems} items`);
        result.context = value.context.map((item, i) => contextItem(item, `${path}.context[${i}]`));
    }
    return result;
}

/** Returns the request as typed params, or throws a TypeError that says what is wrong with it. */
export function parseChatSendParams(raw: unknown): ChatSendParams {
    if (!isRecord(raw)) fail("the params must be an object");
    if (!Array.isArray(raw.messages)) fail("messages must be an array");
    if (raw.messages.length === 0) fail("messages must not be empty");
    if (raw.messages.length > maxMessages) fail(`messages has more than ${maxMessages} entries`);
    const messages = raw.messages.map((m, i) => turn(m, `messages[${i}]`));
    if (messages.at(-1)!.role !== "user") fail("the last message must be the user's");
    const total = messages.reduce((sum, m) => sum + chatTurnChars(m), 0);
    if (total > maxRequestChars) fail(`the conversation has ${total} characters, more than the ${maxRequestChars} a chat request may carry`);
    const params: ChatSendParams = { messages };
    if (raw.maxTokens !== undefined) {
        if (typeof raw.maxTokens !== "number" || !Number.isInteger(raw.maxTokens) || raw.maxTokens < 1) fail("maxTokens must be a positive integer");
        params.maxTokens = raw.maxTokens;
    }
    return params;
}
