// `npm run package [-- TARGET…]`: one VSIX per platform, each carrying only that platform's node-llama-cpp
// binaries. CPU and Vulkan builds ship (Vulkan covers most GPUs); CUDA's builds (~540 MB) do not: on CUDA
// machines the Vulkan build runs the GPU. macOS uses Metal, which is in its one binary package. The README's
// screenshots ship in media/ and its links stay relative to the extension's folder, where VS Code reads them.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const binaries = {
    "linux-x64": ["linux-x64", "linux-x64-vulkan"],
    "linux-arm64": ["linux-arm64"],
    "darwin-arm64": ["mac-arm64-metal"],
    "darwin-x64": ["mac-x64"],
    "win32-x64": ["win-x64", "win-x64-vulkan"],
    "win32-arm64": ["win-arm64"]
};

const root = join(import.meta.dirname, "..");
const requested = process.argv.slice(2);
const current = `${process.platform}-${process.arch}`;
const targets = requested.length > 0 ? requested : [current];

execFileSync("npm", ["run", "build", "--", "--production"], { cwd: root, stdio: "inherit" });
mkdirSync(join(root, "out"), { recursive: true });
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

for (const target of targets) {
    const packages = binaries[target];
    if (!packages) throw new Error(`unknown target ${target} (known: ${Object.keys(binaries).join(", ")})`);
    const missing = packages.filter((name) => !existsSync(join(root, "node_modules", "@node-llama-cpp", name)));
    if (missing.length > 0) {
        throw new Error(`${target}: @node-llama-cpp/${missing.join(", @node-llama-cpp/")} is not installed here; install it (npm install --force --no-save) or package on that platform`);
    }
    // .vscodeignore holds every exclusion; a target adds back its own binaries, which it leaves out with all the others.
    const ignoreFile = join(root, "out", `.vscodeignore-${target}`);
    const rules = [readFileSync(join(root, ".vscodeignore"), "utf8"), `# ${target}'s binaries.`, ...packages.map((name) => `!node_modules/@node-llama-cpp/${name}/**`)];
    writeFileSync(ignoreFile, `${rules.join("\n")}\n`);
    const out = join(root, "out", `hearth-${target}-${version}.vsix`);
    rmSync(out, { force: true });
    execFileSync("npx", ["vsce", "package", "--target", target, "--ignoreFile", ignoreFile, "--skip-license", "--allow-missing-repository", "--no-rewrite-relative-links", "--out", out], { cwd: root, stdio: "inherit" });
    console.log(`${out}`);
}
