// Runs the integration suite in code-server's extension host, where desktop VS Code cannot be downloaded:
// a small companion extension calls the suite's `run()` once the window has started, the way VS Code's
// `--extensionTestsPath` would, and the suite writes its results as JSON to `report`.
import * as fs from "node:fs";
import * as path from "node:path";

export const INTEGRATION_SUITE = path.resolve(__dirname, "../../out/integration/index.js");

/** Writes the companion extension into `folder` and returns it. */
export function writeSuiteRunnerExtension(folder: string, report: string): string {
    const manifest = {
        name: "integration-runner",
        publisher: "hearth-tests",
        version: "0.0.1",
        engines: { vscode: "^1.100.0" },
        extensionDependencies: ["hearth.hearth"],
        activationEvents: ["onStartupFinished"],
        main: "./extension.js"
    };
    const source = `
const fs = require("node:fs");
exports.activate = function () {
  process.env.HEARTH_INTEGRATION_REPORT = ${JSON.stringify(report)};
  require(${JSON.stringify(INTEGRATION_SUITE)}).run().catch((error) => {
    // Mocha wrote the report; a failure to run at all leaves one that says why.
    if (!fs.existsSync(${JSON.stringify(report)})) {
      fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify({ error: String(error && error.stack || error) }));
    }
  });
};
`;
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "package.json"), JSON.stringify(manifest, null, 2));
    fs.writeFileSync(path.join(folder, "extension.js"), source);
    return folder;
}
