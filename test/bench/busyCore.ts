// Another process keeping one core busy for as long as it runs, as a compiler or a test run does while the
// user types.
import { spawn, type ChildProcess } from "node:child_process";

export class BusyCore {
    private readonly child: ChildProcess;
    private readonly killOnExit = () => this.child.kill("SIGKILL");

    constructor() {
        this.child = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
        process.once("exit", this.killOnExit);
    }

    async stop(): Promise<void> {
        process.removeListener("exit", this.killOnExit);
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        const exited = new Promise((resolve) => this.child.once("exit", resolve));
        this.child.kill("SIGKILL");
        await exited;
    }
}
