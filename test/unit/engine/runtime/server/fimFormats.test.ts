import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fimFormatFromName, fimFormats, renderFim, type FimFormatName } from "../../../../../engine/runtime/server/fimFormats";
import type { PromptPiece } from "../../../../../engine/runtime/inference";

describe("FIM formats on a server", () => {
    const prompt: PromptPiece[] = [{ special: "bos" }, { special: "fileSeparator" }, "util.ts\nexport const x = 1;\n", { special: "fileSeparator" }, "main.ts\n", { special: "fimPrefix" }, "function f() {\n", { special: "fimSuffix" }, "\n}\n", { special: "fimMiddle" }, "    ret"];

    it("renders Hearth's anchored layout with the model's tokens as text, leaving the start token to the server", () => {
        assert.equal(renderFim(prompt, fimFormats.qwen), "<|file_sep|>util.ts\nexport const x = 1;\n<|file_sep|>main.ts\n<|fim_prefix|>function f() {\n<|fim_suffix|>\n}\n<|fim_middle|>    ret");
        assert.equal(renderFim(prompt, fimFormats.starcoder), "<file_sep>util.ts\nexport const x = 1;\n<file_sep>main.ts\n<fim_prefix>function f() {\n<fim_suffix>\n}\n<fim_middle>    ret");
        const single = prompt.slice(5);
        assert.equal(renderFim(single, fimFormats.codellama), "<PRE> function f() {\n <SUF>\n}\n <MID>    ret");
        assert.equal(renderFim(single, fimFormats.deepseek), "<｜fim▁begin｜>function f() {\n<｜fim▁hole｜>\n}\n<｜fim▁end｜>    ret");
        assert.throws(() => renderFim(prompt, fimFormats.deepseek), /deepseek format has no file separator/);
    });

    it("keeps what was typed at the very end, so a keystroke only appends to the prompt", () => {
        const typed = renderFim([...prompt.slice(0, -1), "    retu"], fimFormats.qwen);
        const before = renderFim(prompt, fimFormats.qwen);
        assert.ok(typed.startsWith(before));
    });

    const names: Array<[string, FimFormatName | undefined]> = [
        ["qwen2.5-coder-1.5b-instruct-q8_0.gguf", "qwen"],
        ["Qwen/Qwen2.5-Coder-32B-Instruct", "qwen"],
        ["qwen3-coder:30b", "qwen"],
        ["codegemma:7b-code", "codegemma"],
        ["bigcode/starcoder2-15b", "starcoder"],
        ["ibm-granite/granite-8b-code-base", "starcoder"],
        ["deepseek-coder-6.7b-base.Q4_K_M.gguf", "deepseek"],
        ["codellama:13b-code", "codellama"],
        ["meta-llama/Llama-3.1-70B-Instruct", undefined],
        ["qwen2.5-7b-instruct", undefined]
    ];
    for (const [name, format] of names) {
        it(`takes ${name} for ${format ?? "a model without FIM tokens"}`, () => assert.equal(fimFormatFromName(name), format));
    }
});
