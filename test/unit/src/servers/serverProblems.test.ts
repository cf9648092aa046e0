import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EngineStatus, RoleStatus } from "../../../../engine/protocol";
import { EngineStateOwner } from "../../../../src/engineState";
import { ServerProblems, settingsQuery } from "../../../../src/servers/serverProblems";

const down = "Hearth cannot reach http://gpu:8080: connect ECONNREFUSED";
const server = (problem?: string): RoleStatus => ({ backend: "llama-server", server: "http://gpu:8080", ...(problem ? { problem } : {}) });
const status = (completion: RoleStatus, chat: RoleStatus): EngineStatus => ({ state: "ready", roles: { completion, chat } });

/** The notifications shown, answered in turn with `answers`; what Retry and Open Settings did. */
function setUp(answers: Array<string | undefined>, afterCheck?: EngineStatus) {
    const engine = new EngineStateOwner();
    const shown: Array<{ message: string; actions: string[] }> = [];
    const opened: string[] = [];
    let checks = 0;
    let settle: () => void = () => undefined;
    const quiet = new Promise<void>((resolve) => (settle = resolve));
    const problems = new ServerProblems(engine, {
        show: async (message, ...actions) => {
            shown.push({ message, actions });
            const answer = answers.shift();
            if (answers.length === 0) setImmediate(settle);
            return answer;
        },
        check: async () => {
            checks++;
            return afterCheck;
        },
        openSettings: (query) => opened.push(query)
    });
    return { engine, shown, opened, checks: () => checks, quiet, problems };
}

describe("server problems, told to the user", () => {
    it("tells each problem once, one notification for both roles on a server that is down", async () => {
        const t = setUp([undefined]);
        t.engine.reported(status(server(down), server(down)));
        t.engine.reported(status(server(down), { ...server(down), latencyMs: 5 }));
        await t.quiet;
        assert.deepEqual(t.shown, [{ message: down, actions: ["Retry", "Open Settings"] }]);
    });

    it("tells it again once it cleared and came back", async () => {
        const t = setUp([undefined, undefined]);
        t.engine.reported(status(server(down), server()));
        t.engine.reported(status(server(), server()));
        t.engine.reported(status(server(down), server()));
        await t.quiet;
        assert.equal(t.shown.length, 2);
    });

    it("Retry checks the servers, and says so again when nothing changed", async () => {
        const t = setUp(["Retry", undefined], status(server(down), server()));
        t.engine.reported(status(server(down), server()));
        await t.quiet;
        assert.equal(t.checks(), 1);
        assert.equal(t.shown.length, 2);
    });

    it("Open Settings opens the role's server settings, or the FIM format for a model without FIM tokens", async () => {
        const t = setUp(["Open Settings"]);
        t.engine.reported(status(server(), server(down)));
        await t.quiet;
        assert.deepEqual(t.opened, ["hearth.chat.server"]);
        assert.equal(settingsQuery(["completion"], "qwen-chat on http://gpu:8080 has no fill-in-the-middle tokens Hearth knows"), "hearth.server.fimFormat");
        assert.equal(settingsQuery(["completion", "chat"], down), "hearth server");
    });
});
