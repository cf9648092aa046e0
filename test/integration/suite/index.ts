// Entry point VS Code calls in its extension host (`--extensionTestsPath`): runs the suite with Mocha.
// With HEARTH_INTEGRATION_REPORT set, results go to that file as JSON instead of the console.
import * as path from "node:path";
import Mocha from "mocha";

export function run(): Promise<void> {
    const report = process.env.HEARTH_INTEGRATION_REPORT;
    const mocha = new Mocha({
        ui: "tdd",
        color: false,
        timeout: 300_000,
        ...(report ? { reporter: "json", reporterOptions: { output: report } } : {})
    });
    mocha.addFile(path.join(__dirname, "hearth.test.js"));
    return new Promise((resolve, reject) => {
        mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    });
}
