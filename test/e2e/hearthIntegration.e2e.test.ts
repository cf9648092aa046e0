// The integration suite (test/integration) inside code-server's extension host: the same tests that
// `npm run test:integration` runs in desktop VS Code where it can be downloaded.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeSuiteRunnerExtension } from '../integration/codeServerRunner';
import { captureOnFailure } from './artifacts';
import { openWorkbench, type Workbench } from './browser';
import type { CodeServer } from './codeServer';
import { installFolderExtension } from './extensions';
import { hearthSettings, REPO_ROOT, startHearth, until } from './hearthWorkspace';

interface MochaReport {
  error?: string;
  stats?: { tests: number; passes: number; failures: number };
  tests?: Array<{ fullTitle: string; err: { message?: string } }>;
}

describe('integration suite in code-server', { timeout: 600_000 }, () => {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;

  before(async () => {
    execFileSync('node', ['esbuild.mjs', '--integration'], { cwd: REPO_ROOT, stdio: 'inherit' });
    // The workspace carries Hearth's settings too, the same as the user's: a workspace's model path that the user
    // has set as well needs no consent.
    const settings = await hearthSettings();
    server = await startHearth({ 'README.md': '# integration\n', '.vscode/settings.json': JSON.stringify(settings, null, 2) });
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
  });

  test('every integration test passes', () =>
    captureOnFailure('hearth-integration', () => ({ page: workbench?.page, server }), async () => {
      const report = path.join(server!.userDataDir, 'integration-report.json');
      // The extension host scans its extensions when the window connects, so the runner goes in first.
      installFolderExtension(writeSuiteRunnerExtension(path.join(server!.userDataDir, 'integration-runner'), report), server!.extensionsDir);
      workbench = await openWorkbench(server!.url);
      const result = await until('the integration report', async () => {
        if (!fs.existsSync(report)) return undefined;
        try {
          return JSON.parse(fs.readFileSync(report, 'utf8')) as MochaReport;
        } catch {
          return undefined; // still being written
        }
      }, 400_000);
      assert.equal(result.error, undefined, result.error);
      const failed = (result.tests ?? []).filter((t) => t.err?.message).map((t) => `${t.fullTitle}: ${t.err.message}`);
      assert.deepEqual(failed, []);
      assert.ok(result.stats && result.stats.tests >= 4 && result.stats.passes === result.stats.tests, JSON.stringify(result.stats));
    }));
});
