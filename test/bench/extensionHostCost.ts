// The extension host's work per keystroke with Hearth: code-server with Hearth and a generated model, a
// person-paced typing run in a plain-text file, the extension host's CPU time (from /proc) per keystroke:
// without Hearth, with Hearth but `hearth.completion.enabled` off (document sync only), and with completions
// (vscode-languageclient's requests, their JSON and IPC, the answers' conversion). The differences from the
// run without Hearth are what Hearth costs the extension host.
// `npm run bench:extension-host`; needs code-server (scripts/setupCodeServer.sh) and Chromium.
import * as fs from "node:fs";
import { goToEnd, openFile, openWorkbench, statusBarItem, typeInEditor } from "../e2e/browser";
import { startCodeServer } from "../e2e/codeServer";
import { startHearth } from "../e2e/hearthWorkspace";
import { processTree } from "../e2e/processTree";

const FILE = "notes.txt";
const TEXT = "the quick brown fox jumps over the lazy dog and keeps on running through the field\n".repeat(4);
const KEY_DELAY_MS = 40;

function extensionHostPid(root: number): number {
    const hosts = processTree(root).filter((pid) => {
        try {
            return /extensionHost/.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"));
        } catch {
            return false;
        }
    });
    if (hosts.length !== 1) throw new Error(`expected one extension host, found ${hosts.length}`);
    return hosts[0];
}

/** User plus system CPU time of a process, in milliseconds. */
function cpuMs(pid: number): number {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const ticksPerSecond = 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** The process's CPU time once it has stopped growing: the last keystrokes' work is done. */
async function settledCpuMs(pid: number): Promise<number> {
    let last = cpuMs(pid);
    for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const now = cpuMs(pid);
        if (now === last) return now;
        last = now;
    }
}

type Setup = "without Hearth" | "completions off" | "completions on";

async function measure(setup: Setup): Promise<{ perKeyMs: number; keys: number }> {
    const server = setup === "without Hearth"
        ? await startCodeServer({ files: { [FILE]: "" } })
        : await startHearth({ [FILE]: "" }, { "hearth.completion.enabled": setup === "completions on" });
    const workbench = await openWorkbench(server.url);
    try {
        const page = workbench.page;
        if (setup !== "without Hearth") await statusBarItem(page, /^Hearth: ready, /).waitFor({ timeout: 120_000 });
        await openFile(page, FILE);
        await goToEnd(page);
        const host = extensionHostPid(server.pid);
        // Warm up: the first keystrokes load code paths once.
        await typeInEditor(page, "warm up\n");
        const before = cpuMs(host);
        for (const ch of TEXT) await page.keyboard.type(ch, { delay: KEY_DELAY_MS });
        return { perKeyMs: ((await settledCpuMs(host)) - before) / TEXT.length, keys: TEXT.length };
    } finally {
        await workbench.close();
        await server.stop();
    }
}

async function main(): Promise<void> {
    const none = await measure("without Hearth");
    const off = await measure("completions off");
    const on = await measure("completions on");
    console.log(`extension host CPU per keystroke (${on.keys} keys, ${KEY_DELAY_MS} ms apart, 10 ms clock ticks):`);
    console.log(`  without Hearth ${none.perKeyMs.toFixed(2)} ms, Hearth with completions off ${off.perKeyMs.toFixed(2)} ms, with completions ${on.perKeyMs.toFixed(2)} ms`);
    console.log(`  Hearth adds ${(on.perKeyMs - none.perKeyMs).toFixed(2)} ms per keystroke (document sync ${(off.perKeyMs - none.perKeyMs).toFixed(2)} ms)`);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
});
