import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchingCommands, parseSlash, promptFor, slashCommands } from "../../../../src/chat/slashCommands";

describe("slash commands", () => {
    const cases: Array<[string, string | undefined, string]> = [
        ["/explain", "explain", ""],
        ["  /fix  ", "fix", ""],
        ["/doc add examples", "doc", "add examples"],
        ["/tests\nwith edge cases", "tests", "with edge cases"],
        ["/fixes", undefined, ""],
        ["/Fix", undefined, ""],
        ["please /fix", undefined, ""],
        ["/", undefined, ""]
    ];
    for (const [text, name, rest] of cases) {
        it(`reads ${JSON.stringify(text)}`, () => {
            const use = parseSlash(text);
            assert.equal(use?.command.name, name);
            if (use) assert.equal(use.rest, rest);
        });
    }

    it("maps /explain to a question and the others to the refactor commands", () => {
        assert.deepEqual(
            slashCommands.map((c) => [c.name, c.action.kind === "refactor" ? c.action.refactor : "ask"]),
            [["explain", "ask"], ["fix", "fix"], ["doc", "document"], ["tests", "tests"]]
        );
        assert.equal(promptFor("/fix"), "/fix", "a refactor command is never a prompt");
    });

    it("lists the commands that start with what follows the slash, for the menu", () => {
        assert.deepEqual(matchingCommands("/").map((c) => c.name), ["explain", "fix", "doc", "tests"]);
        assert.deepEqual(matchingCommands("/t").map((c) => c.name), ["tests"]);
        assert.deepEqual(matchingCommands("/fix ").map((c) => c.name), []);
        assert.deepEqual(matchingCommands("fix").map((c) => c.name), []);
    });
});
