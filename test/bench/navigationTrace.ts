// A realistic editing session over several real files: open a file, go to a function, type a few lines,
// delete a word, undo, paste a line, jump to another file and back, with human cadence. Real editing is
// mostly jumps; this trace makes each one count.
import type { Step, Trace } from "./trace";
import { fixture, random, typingSteps } from "./typingTrace";

/** Builds the steps while keeping its own copy of each document, so every jump lands where the text says. */
class Session {
    readonly steps: Step[] = [];
    private readonly texts = new Map<string, string>();
    private uri = "";
    private cursor = 0;
    private readonly left = new Map<string, number>();

    constructor(private readonly next: () => number) {}

    open(uri: string, text: string): void {
        this.texts.set(uri, text);
        this.steps.push({ kind: "open", uri, text });
    }

    /** Goes to the end of the line `linesBelow` lines under the first one containing `anchor`. */
    goTo(uri: string, anchor: string, linesBelow = 0): void {
        const text = this.texts.get(uri)!;
        let lineEnd = text.indexOf("\n", text.indexOf(anchor));
        for (let i = 0; i < linesBelow; i++) lineEnd = text.indexOf("\n", lineEnd + 1);
        this.jump(uri, lineEnd);
    }

    /** Goes back to where the user left `uri`. */
    back(uri: string): void {
        this.jump(uri, this.left.get(uri)!);
    }

    /** Types `typed` key by key after reading for a moment. */
    type(typed: string): void {
        const keys = typingSteps(typed, this.next, 0.8);
        // The first key at a new place (Enter at the end of a line) is where a suggestion is first awaited.
        keys[0] = { ...(keys[0] as Extract<Step, { kind: "edit" }>), delayMs: 1000 + this.next() * 1000, pause: true };
        for (const key of keys) this.edit(key as Extract<Step, { kind: "edit" }>);
    }

    /** One edit at once: a word deleted (Ctrl+Backspace), an undo, a paste. */
    change(deleteBefore: number, text: string): void {
        this.edit({ kind: "edit", deleteBefore, text, delayMs: 500 + this.next() * 500, pause: true });
    }

    private jump(uri: string, offset: number): void {
        if (this.uri) this.left.set(this.uri, this.cursor);
        this.uri = uri;
        this.cursor = offset;
        this.steps.push({ kind: "jump", uri, offset, delayMs: 300 + this.next() * 300 });
    }

    private edit(step: Extract<Step, { kind: "edit" }>): void {
        const text = this.texts.get(this.uri)!;
        const start = this.cursor - step.deleteBefore;
        this.texts.set(this.uri, text.slice(0, start) + step.text + text.slice(this.cursor));
        this.cursor = start + step.text.length;
        this.steps.push(step);
    }
}

export function navigationTrace(seed = 11): Trace {
    const session = new Session(random(seed));
    const inventory = "file:///bench/inventory.py";
    const router = "file:///bench/router.ts";
    const limiter = "file:///bench/rateLimiter.ts";
    session.open(inventory, fixture("inventory.py.txt"));
    session.goTo(inventory, "level.sold_last_30_days += reservation.quantity");
    session.type(`\n        if level.on_hand < 0:\n            raise StockError(f"shipped more {reservation.sku} than on hand")\n        log.info("shipped order %s", order_id)`);
    session.change("order_id)".length, "");
    session.change(0, "order_id)");
    session.change(0, "\n        self.expire_reservations()");
    session.open(router, fixture("router.ts.txt"));
    session.goTo(router, `return this.on("POST", path, handler);`, 1);
    session.type(`\n\n    put(path: string, handler: Handler): this {\n        return this.on("PUT", path, handler);\n    }`);
    session.back(inventory);
    session.type(`\n        log.debug("%d reservations left", len(self.reservations))`);
    session.goTo(inventory, "def value(self) -> float:");
    session.type(`\n        total = 0.0\n        for sku, level in self.levels.items():\n            total += self.items[sku].unit_price * level.on_hand\n        return total`);
    session.open(limiter, fixture("rateLimiter.ts.txt").replace("//TYPE-HERE//\n", ""));
    session.goTo(limiter, "const now = this.now();");
    session.type(`\n        if (cost <= 0) throw new RangeError("cost must be positive");`);
    session.back(router);
    session.type(`\n\n    delete(path: string, handler: Handler): this {\n        return this.on("DELETE", path, handler);\n    }`);
    return { name: "navigation", steps: session.steps };
}
