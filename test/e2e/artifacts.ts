// Keeps what explains a failed end-to-end test under test-results/<name>/:
// a screenshot of the page, code-server's log and VS Code's logs (extension
// host, output channels).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';

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
 * Runs `body`; if it throws, saves the artifacts of whatever `sources()`
 * returns by then and rethrows with their location in the message.
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
    if (dir && err instanceof Error) err.message += `\n(artifacts: ${dir})`;
    throw err;
  }
}
