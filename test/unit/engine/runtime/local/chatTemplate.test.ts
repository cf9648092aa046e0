import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LlamaModel, LlamaText } from "../../../../../engine/runtime/llama";
import { ChatTemplate, textStopTriggers } from "../../../../../engine/runtime/local/chatTemplate";
import { ensureModel } from "../../../../model/cache";

type Trigger = Pick<LlamaText, "values">;
const special = { type: "specialToken", value: "EOS" } as unknown as Trigger["values"][number];

describe("text stop triggers of a chat template", () => {
    const cases: Array<[string, Trigger[], string[]]> = [
        ["keeps a trigger written as text", [{ values: ["<|im_end|>"] }], ["<|im_end|>"]],
        ["joins a trigger made of several texts", [{ values: ["<|im_", "end|>"] }], ["<|im_end|>"]],
        ["leaves out special tokens, which end generation anyway", [{ values: [special] }, { values: ["\n", special] }], []],
        ["leaves out an empty trigger", [{ values: [] }], []]
    ];
    for (const [what, triggers, expected] of cases) {
        it(what, () => assert.deepEqual(textStopTriggers(triggers), expected));
    }
});

describe("rendering chat turns with the model's template", () => {
    let llama: Awaited<ReturnType<typeof import("node-llama-cpp")["getLlama"]>>;
    let model: LlamaModel;
    let template: ChatTemplate;

    before(async () => {
        const lib = await import("node-llama-cpp");
        llama = await lib.getLlama({ gpu: false, build: "never", logLevel: lib.LlamaLogLevel.error });
        model = await llama.loadModel({ modelPath: await ensureModel("tiny"), vocabOnly: true });
        template = await ChatTemplate.of(model);
    });
    after(async () => {
        await model?.dispose();
        await llama?.dispose();
    });

    it("renders every turn and leaves the assistant's turn open after the answer prefix", () => {
        const rendered = template.render(
            [
                { role: "system", text: "Be brief." },
                { role: "user", text: "Rename add to sum." },
                { role: "assistant", text: "Done." },
                { role: "user", text: "Now in TypeScript." }
            ],
            "```ts\n"
        );
        const text = model.detokenize(rendered.tokens, true);
        assert.match(text, /Be brief\.[\s\S]*Rename add to sum\.[\s\S]*Done\.[\s\S]*Now in TypeScript\./);
        assert.ok(text.endsWith("assistant\n```ts\n"), JSON.stringify(text.slice(-40)));
        assert.ok(rendered.stopTexts.every((stop) => typeof stop === "string" && stop !== ""));
    });

    it("counts what it renders: a longer conversation has more tokens", () => {
        const short = template.render([{ role: "user", text: "Hi" }]).tokens.length;
        const long = template.render([{ role: "user", text: "Hi" }, { role: "assistant", text: "Hello" }, { role: "user", text: "Again" }]).tokens.length;
        assert.ok(long > short);
    });
});
