import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { historyEntries, whenText } from "../../../../src/chat/historyItems";

// Local times, so the day boundaries are this machine's as they are the user's.
const now = new Date(2025, 2, 14, 15, 30).getTime(); // Friday 14 March 2025, 15:30
const at = (month: number, day: number, hour = 9, year = 2025) => new Date(year, month, day, hour, 5).getTime();

describe("the chat history list", () => {
    it("groups chats newest first under Today, Yesterday, Last 7 days, Last 30 days and Older", () => {
        const chats = [
            { id: "old", title: "Old", updatedAt: at(0, 2) },
            { id: "today", title: "Today's", updatedAt: at(2, 14, 0) },
            { id: "week", title: "Monday's", updatedAt: at(2, 10) },
            { id: "month", title: "February's", updatedAt: at(1, 20) },
            { id: "yesterday", title: "", updatedAt: at(2, 13, 23) }
        ];
        const entries = historyEntries(chats, "week", now, "en-GB");
        assert.deepEqual(
            entries.map((e) => (e.kind === "group" ? `# ${e.label}` : `${e.label}${e.current ? " (current)" : ""}`)),
            ["# Today", "Today's", "# Yesterday", "Untitled chat", "# Last 7 days", "Monday's (current)", "# Last 30 days", "February's", "# Older", "Old"]
        );
    });

    it("says when each was last active, precisely for recent ones", () => {
        const cases: Array<[number, string]> = [
            [at(2, 14, 13), "13:05"],
            [at(2, 13, 18), "yesterday 18:05"],
            [at(2, 10, 8), "Monday 08:05"],
            [at(1, 2), "2 Feb"],
            [at(11, 24, 9, 2024), "24 Dec 2024"]
        ];
        for (const [time, expected] of cases) assert.equal(whenText(time, now, "en-GB"), expected);
    });

    it("is empty without past chats", () => {
        assert.deepEqual(historyEntries([], "x", now), []);
    });
});
