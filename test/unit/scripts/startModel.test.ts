import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { describe, it } from "node:test";
import { chooseStartModel, DEFAULT_ENDPOINT, reachable, type StartModel, type StartModelInput } from "../../../scripts/startModel";

const demoModel = "/demo/demo-model.gguf";

describe("the model npm start gives Hearth", () => {
    const online = async () => true;
    const offline = async () => false;
    const cases: Array<{ name: string; input: Omit<StartModelInput, "demoModel">; expected: StartModel }> = [
        { name: "HEARTH_MODEL=demo, even online", input: { requested: "demo", reachable: online }, expected: { kind: "demo", why: "HEARTH_MODEL=demo asked for it" } },
        { name: "HEARTH_MODEL names a file", input: { requested: "models/x.gguf", configured: "/other.gguf", reachable: offline }, expected: { kind: "file", path: path.resolve("models/x.gguf") } },
        { name: "a model chosen before is kept", input: { configured: "/models/qwen.gguf", reachable: online }, expected: { kind: "file", path: "/models/qwen.gguf" } },
        { name: "online with none: the first-run flow offers one", input: { reachable: online }, expected: { kind: "firstRun", endpoint: DEFAULT_ENDPOINT } },
        { name: "online after a demo start: the demo model is let go", input: { configured: demoModel, reachable: online }, expected: { kind: "firstRun", endpoint: DEFAULT_ENDPOINT } },
        { name: "the configured mirror is the one asked", input: { endpoint: "http://mirror.local", reachable: async (url) => url === "http://mirror.local" }, expected: { kind: "firstRun", endpoint: "http://mirror.local" } },
        { name: "offline: the demo model, saying why", input: { configured: "", reachable: offline }, expected: { kind: "demo", why: `${DEFAULT_ENDPOINT} cannot be reached` } }
    ];
    for (const { name, input, expected } of cases) {
        it(name, async () => assert.deepEqual(await chooseStartModel({ ...input, demoModel }), expected));
    }
});

describe("reachable", () => {
    it("is true for a server that answers, whatever the status, and false where none listens", async () => {
        const server = createServer((_, response) => response.writeHead(404).end());
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const { port } = server.address() as AddressInfo;
        try {
            assert.equal(await reachable(`http://127.0.0.1:${port}/`), true);
        } finally {
            await new Promise((resolve) => server.close(resolve));
        }
        assert.equal(await reachable(`http://127.0.0.1:${port}/`), false);
    });
});
