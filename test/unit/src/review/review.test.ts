import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Review, reviewActions } from "../../../../src/review/review";
import type { FinishedProposal, ReviewPlan, ReviewState } from "../../../../src/review/reviewPlan";

/** A plan over an in-memory document: Accept writes the proposal into it, unless `refuse` says the document changed. */
function memoryPlan(original: string, refuse = false): ReviewPlan & { document: string; applied: number } {
    const plan = {
        name: "a.ts",
        original,
        document: original,
        applied: 0,
        render: (code: string) => `<${code}>`,
        review: (proposal: FinishedProposal) => [...(proposal.truncated ? ["cut short"] : []), ...(proposal.code === "" ? ["empty"] : [])],
        apply: async (code: string) => {
            if (refuse) return false;
            plan.applied++;
            plan.document = plan.render(code);
            return true;
        }
    };
    return plan;
}

type Step = { write: string } | { finish: FinishedProposal } | "close";

interface Case {
    name: string;
    steps: Step[];
    refuse?: boolean;
    state: ReviewState;
    proposed: string;
    warnings: string[];
    /** What Accept does afterwards: whether it applied, and the document then. */
    accepted: boolean;
    document: string;
}

const cases: Case[] = [
    { name: "a proposal still being written cannot be accepted", steps: [{ write: "a" }, { write: "ab" }], state: "writing", proposed: "<ab>", warnings: [], accepted: false, document: "x" },
    {
        name: "a streamed proposal is accepted as finished, not as last written",
        steps: [{ write: "a" }, { finish: { code: "abc", truncated: false } }],
        state: "ready",
        proposed: "<abc>",
        warnings: [],
        accepted: true,
        document: "<abc>"
    },
    { name: "a proposal complete from the start is ready at once", steps: [{ finish: { code: "c", truncated: false } }], state: "ready", proposed: "<c>", warnings: [], accepted: true, document: "<c>" },
    { name: "the plan's warnings come with a finished proposal", steps: [{ finish: { code: "", truncated: true } }], state: "ready", proposed: "<>", warnings: ["cut short", "empty"], accepted: true, document: "<>" },
    {
        name: "writing after the finish changes nothing",
        steps: [{ finish: { code: "c", truncated: false } }, { write: "late" }, { finish: { code: "later", truncated: false } }],
        state: "ready",
        proposed: "<c>",
        warnings: [],
        accepted: true,
        document: "<c>"
    },
    { name: "a discarded proposal is never applied", steps: [{ finish: { code: "c", truncated: false } }, "close"], state: "closed", proposed: "<c>", warnings: [], accepted: false, document: "x" },
    { name: "a proposal the plan refuses (the document changed) is not applied", steps: [{ finish: { code: "c", truncated: false } }], refuse: true, state: "ready", proposed: "<c>", warnings: [], accepted: false, document: "x" }
];

describe("a review", () => {
    for (const c of cases) {
        it(c.name, async () => {
            const plan = memoryPlan("x", c.refuse);
            const review = new Review(plan);
            for (const step of c.steps) {
                if (step === "close") review.close();
                else if ("write" in step) review.write(step.write);
                else review.finish(step.finish);
            }
            assert.equal(review.state, c.state);
            assert.equal(review.proposed, c.proposed);
            assert.deepEqual(review.warnings, c.warnings);
            assert.equal(await review.accept(), c.accepted);
            assert.equal(plan.document, c.document);
            assert.equal(plan.applied, c.accepted ? 1 : 0);
        });
    }

    it("tells its presentations about each change until it is closed", () => {
        const review = new Review(memoryPlan("x"));
        const seen: string[] = [];
        const stop = review.onChange(() => seen.push(`${review.state}:${review.proposed}`));
        review.write("a");
        review.finish({ code: "b", truncated: false });
        review.close();
        review.close();
        assert.deepEqual(seen, ["writing:<a>", "ready:<b>", "closed:<b>"]);
        stop();
        const other = new Review(memoryPlan("x"));
        let calls = 0;
        other.onChange(() => calls++)();
        other.write("a");
        assert.equal(calls, 0, "a listener that stopped hears nothing");
    });
});

describe("a review revised by a follow-up instruction", () => {
    type Revision = { revise: string } | { write: string } | { finish: string } | "fallBack";
    const table: Array<{ name: string; steps: Revision[]; state: ReviewState; proposed: string; request: string; results: boolean[] }> = [
        {
            name: "is written again from nothing and asked for in the new words",
            steps: [{ revise: "shorter" }, { write: "d" }],
            state: "writing",
            proposed: "<d>",
            request: "shorter",
            results: [true]
        },
        { name: "becomes the proposal once the revision finishes", steps: [{ revise: "shorter" }, { finish: "e" }, "fallBack"], state: "ready", proposed: "<e>", request: "shorter", results: [true, false] },
        {
            name: "falls back to the proposal it revised when the revision will not finish",
            steps: [{ revise: "shorter" }, { write: "d" }, "fallBack"],
            state: "ready",
            proposed: "<c>",
            request: "first",
            results: [true, true]
        },
        { name: "cannot be revised twice at once", steps: [{ revise: "shorter" }, { revise: "longer" }], state: "writing", proposed: "<>", request: "shorter", results: [true, false] }
    ];
    for (const row of table) {
        it(row.name, async () => {
            const plan = memoryPlan("x");
            const review = new Review(plan, "first");
            review.finish({ code: "c", truncated: true });
            const results: boolean[] = [];
            for (const step of row.steps) {
                if (step === "fallBack") results.push(review.fallBack());
                else if ("revise" in step) results.push(review.revise(step.revise));
                else if ("write" in step) review.write(step.write);
                else review.finish({ code: step.finish, truncated: false });
            }
            assert.deepEqual(results, row.results);
            assert.deepEqual([review.state, review.proposed, review.request], [row.state, row.proposed, row.request]);
            // Only a finished proposal keeps the warnings it was finished with.
            if (review.proposed === "<c>") assert.deepEqual(review.warnings, ["cut short"]);
        });
    }

    it("cannot be revised before it is finished, nor fall back when it never was", () => {
        const review = new Review(memoryPlan("x"));
        assert.equal(review.revise("again"), false);
        assert.equal(review.fallBack(), false);
        assert.equal(review.state, "writing");
    });
});

describe("the actions a review offers", () => {
    const keys = { accept: "Ctrl+Enter", discard: "Esc", refine: "Ctrl+I" };
    const table: Array<{ state: ReviewState; warnings: string[]; request: string; refinable: boolean; actions: ReturnType<typeof reviewActions> }> = [
        {
            state: "writing",
            warnings: [],
            request: "use   a\nconstant",
            refinable: true,
            actions: [{ title: "$(sparkle) use a constant" }, { title: "$(loading~spin) Hearth is writing…" }, { title: "$(close) Cancel (Esc)", command: "hearth.discardEdit" }]
        },
        {
            state: "ready",
            warnings: ["The proposal is empty: accepting it deletes the code."],
            request: "",
            refinable: true,
            actions: [
                { title: "$(check) Accept (Ctrl+Enter)", command: "hearth.acceptEdit" },
                { title: "$(discard) Discard (Esc)", command: "hearth.discardEdit" },
                { title: "$(edit) Refine… (Ctrl+I)", command: "hearth.refineEdit" },
                { title: "$(warning) The proposal is empty: accepting it deletes the code." }
            ]
        },
        {
            state: "ready",
            warnings: [],
            request: "x".repeat(80),
            refinable: false,
            actions: [
                { title: `$(sparkle) ${"x".repeat(59)}…` },
                { title: "$(check) Accept (Ctrl+Enter)", command: "hearth.acceptEdit" },
                { title: "$(discard) Discard (Esc)", command: "hearth.discardEdit" }
            ]
        },
        { state: "closed", warnings: [], request: "x", refinable: true, actions: [] }
    ];
    for (const row of table) {
        it(`while ${row.state}${row.refinable ? "" : ", when it cannot be refined"}`, () => assert.deepEqual(reviewActions(row, keys), row.actions));
    }
});
