// The past chats as the history list shows them: newest first, under "Today", "Yesterday", "Last 7 days",
// "Last 30 days" and "Older", each with when it was last active, so a chat can be found by its title or its date.
import type { ConversationSummary } from "./messages";

export type HistoryEntry = { kind: "group"; label: string } | { kind: "chat"; id: string; label: string; description: string; current: boolean };

const dayMs = 24 * 60 * 60 * 1000;

function startOfDay(time: number): number {
    const day = new Date(time);
    day.setHours(0, 0, 0, 0);
    return day.getTime();
}

/** The group a chat last active at `time` falls in, seen at `now`. */
function groupOf(time: number, now: number): string {
    const today = startOfDay(now);
    if (time >= today) return "Today";
    if (time >= startOfDay(today - 1)) return "Yesterday";
    if (time >= startOfDay(today - 6 * dayMs)) return "Last 7 days";
    if (time >= startOfDay(today - 29 * dayMs)) return "Last 30 days";
    return "Older";
}

/** When: the time today and yesterday, the weekday and time within a week, else the date (with its year when not this one). */
export function whenText(time: number, now: number, locale?: string): string {
    const date = new Date(time);
    const clock = date.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
    const group = groupOf(time, now);
    if (group === "Today") return clock;
    if (group === "Yesterday") return `yesterday ${clock}`;
    if (group === "Last 7 days") return `${date.toLocaleDateString(locale, { weekday: "long" })} ${clock}`;
    const sameYear = date.getFullYear() === new Date(now).getFullYear();
    return date.toLocaleDateString(locale, { day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }) });
}

export function historyEntries(chats: readonly ConversationSummary[], currentId: string, now: number, locale?: string): HistoryEntry[] {
    const entries: HistoryEntry[] = [];
    let group: string | undefined;
    for (const chat of [...chats].sort((a, b) => b.updatedAt - a.updatedAt)) {
        const label = groupOf(chat.updatedAt, now);
        if (label !== group) entries.push({ kind: "group", label });
        group = label;
        entries.push({ kind: "chat", id: chat.id, label: chat.title || "Untitled chat", description: whenText(chat.updatedAt, now, locale), current: chat.id === currentId });
    }
    return entries;
}
