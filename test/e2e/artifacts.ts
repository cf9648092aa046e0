// Keeps what explains a failed end-to-end test under test-results/<name>/:
// a screenshot of the page, code-server's log and VS Code's logs (extension
// host, output channels).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { channelLogTails } from './vscodeLogs';

const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results');

export interface ArtifactSources {
  page?: Page;
  server?: CodeServer;
}

/** Writes the artifacts of test `name` and returns their folder. */
export async function saveArtifacts(name: string, sources: ArtifactSources): Promise<string> {
  const dir = path.join(RESULTS_DIR, name.replace(/[^\w.-]+/g, '-'));
  fs.mkdirSync(dir, { recursive: true });
  if (sources.page && !sources.page.isClosed()) {
    await sources.page
      .screenshot({ path: path.join(dir, 'screenshot.png'), timeout: 10_000 })
      .catch((err: Error) => fs.writeFileSync(path.join(dir, 'screenshot-failed.txt'), err.message));
  }
  sources.server?.collectLogs(dir);
  return dir;
}

/**
 * What a failure report shows without its artifacts (a CI log may be all there is): Hearth's status bar
 * items, the end of Hearth's log in each extension host and the extension hosts' last errors.
 */
async function failureSummary(sources: ArtifactSources): Promise<string> {
  const labels = sources.page && !sources.page.isClosed()
    ? await sources.page
        .locator('.part.statusbar .statusbar-item[aria-label], .part.statusbar .statusbar-item [aria-label]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? '').filter((label) => label.startsWith('Hearth')))
        .catch((err: Error) => [`(status bar not read: ${err.message.split('\n')[0]})`])
    : ['(no page)'];
  const logsDir = sources.server?.logsDir;
  const log = logsDir ? channelLogTails(logsDir, 'Hearth') : '';
  const hostErrors = logsDir ? channelLogTails(logsDir, 'remoteexthost', 8, (line) => line.includes('[error]')) : '';
  return [`Hearth status bar: ${labels.length > 0 ? labels.join(' | ') : '(none)'}`, log || '(no Hearth log)', hostErrors].filter(Boolean).join('\n');
}

/**
 * Runs `body`; if it throws, saves the artifacts of whatever `sources()`
 * returns by then and rethrows with their location and a summary in the message.
 */
export async function captureOnFailure<T>(
  name: string,
  sources: () => ArtifactSources,
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (err) {
    const dir = await saveArtifacts(name, sources()).catch(() => undefined);
    const summary = await failureSummary(sources()).catch((summaryError: Error) => `(no summary: ${summaryError.message})`);
    if (err instanceof Error) err.message += `\n${summary}${dir ? `\n(artifacts: ${dir})` : ''}`;
    throw err;
  }
}
