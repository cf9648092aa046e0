// Runs the integration suite in desktop VS Code, downloaded by @vscode/test-electron (it needs
// update.code.visualstudio.com). Where VS Code cannot be downloaded, the same suite runs inside
// code-server instead: test/e2e/hearthIntegration.e2e.test.ts.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runTests } from "@vscode/test-electron";
import { ensureModel } from "../model/cache";

const repoRoot = path.resolve(__dirname, "../..");

async function main(): Promise<void> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-integration-"));
    const workspace = path.join(root, "workspace");
    const userDataDir = path.join(root, "user-data");
    // User settings: a model path from a workspace's settings waits for the user's consent.
    const settings = {
        "hearth.model.path": await ensureModel("tiny"),
        "hearth.model.threads": 1,
        "hearth.model.contextSize": 2048,
        "hearth.completion.maxTokens": 8,
        "security.workspace.trust.enabled": false
    };
    fs.mkdirSync(workspace);
    fs.mkdirSync(path.join(userDataDir, "User"), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, "User", "settings.json"), JSON.stringify(settings, null, 2));
    try {
        await runTests({
            version: process.env.HEARTH_VSCODE_VERSION ?? "1.100.3",
            extensionDevelopmentPath: repoRoot,
            extensionTestsPath: path.join(repoRoot, "out", "integration", "index.js"),
            launchArgs: [workspace, `--user-data-dir=${userDataDir}`, "--disable-extensions", "--disable-workspace-trust"]
        });
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
