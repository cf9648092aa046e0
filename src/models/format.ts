// How model sizes, download progress and times read in Hearth's UI. Pure: no VS Code here.
import type { ModelDownloadReport } from "../../engine/protocol";

/** "1.6 GB", "420 MB": decimal units, as download sites and file managers show them. */
export function formatBytes(bytes: number): string {
    if (!Number.isFinite(bytes) || bytes < 0) return "?";
    if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
    if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
    if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
    return `${Math.round(bytes)} B`;
}

/** "12 MB/s". */
export function formatSpeed(bytesPerSecond: number): string {
    return `${formatBytes(bytesPerSecond)}/s`;
}

/** "3 min left", "40 s left"; empty when unknown. */
export function formatTimeLeft(seconds: number): string {
    if (!Number.isFinite(seconds) || seconds <= 0) return "";
    if (seconds < 90) return `${Math.ceil(seconds)} s left`;
    if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min left`;
    return `${(seconds / 3600).toFixed(1)} h left`;
}

/** The line under a download's progress bar: "42% · 700 MB of 1.6 GB · 12 MB/s · 1 min left". */
export function progressMessage(progress: ModelDownloadReport): string {
    if (progress.phase === "connecting") return "Connecting…";
    if (progress.phase === "verifying") return `Verifying ${formatBytes(progress.totalBytes)}…`;
    if (progress.totalBytes <= 0) return `${formatBytes(progress.downloadedBytes)}`;
    const parts = [`${progress.percentage}%`, `${formatBytes(progress.downloadedBytes)} of ${formatBytes(progress.totalBytes)}`];
    if (progress.bytesPerSecond > 0) {
        parts.push(formatSpeed(progress.bytesPerSecond));
        const left = formatTimeLeft((progress.totalBytes - progress.downloadedBytes) / progress.bytesPerSecond);
        if (left) parts.push(left);
    }
    return parts.join(" · ");
}

const day = 24 * 60 * 60 * 1000;

/** "used today", "used 3 days ago", "never used". */
export function formatLastUsed(lastUsed: number | undefined, now: number): string {
    if (lastUsed === undefined) return "never used";
    const days = Math.floor((now - lastUsed) / day);
    if (days <= 0) return "used today";
    if (days === 1) return "used yesterday";
    if (days < 14) return `used ${days} days ago`;
    if (days < 60) return `used ${Math.floor(days / 7)} weeks ago`;
    return `used ${Math.floor(days / 30)} months ago`;
}
