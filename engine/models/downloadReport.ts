// A download's progress as an LSP work-done report: the whole percent any editor can show, and the numbers behind it.
import type { ModelDownloadProgress, ModelDownloadReport } from "../protocol";

export function downloadReport(progress: ModelDownloadProgress): ModelDownloadReport {
    const { phase, downloadedBytes, totalBytes } = progress;
    const percentage = phase === "verifying" ? 100 : phase === "downloading" && totalBytes > 0 ? Math.min(100, Math.floor((downloadedBytes / totalBytes) * 100)) : 0;
    return { kind: "report", percentage, ...progress };
}
