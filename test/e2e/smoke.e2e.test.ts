// Proves the end-to-end harness with a throwaway extension: a real VS Code
// (code-server) in Chromium shows its status bar item, offers its inline
// completion as ghost text, accepts it with Tab, saves it to disk, runs its
// command from the palette, and stops without leaving processes behind.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { captureOnFailure } from './artifacts';
import {
  acceptGhostText,
  goToEnd,
  openFile,
  openWorkbench,
  runCommand,
  save,
  statusBarItem,
  statusBarText,
  typeInEditor,
  waitForGhostText,
  type Workbench,
} from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { isAlive, processTree } from './processTree';
import {
  SMOKE_CHANNEL,
  SMOKE_COMMAND_TITLE,
  SMOKE_COMPLETION,
  SMOKE_STATUS,
  writeSmokeExtension,
} from './smokeExtension';

test('smoke extension: ghost text accepted with Tab is saved to disk', { timeout: 600_000 }, async (t) => {
  const extensionDir = writeSmokeExtension(fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-smoke-ext-')));
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  t.after(async () => {
    await workbench?.close();
    await server?.stop();
    fs.rmSync(extensionDir, { recursive: true, force: true });
  });

  await captureOnFailure('smoke', () => ({ page: workbench?.page, server }), async () => {
    server = await startCodeServer({
      extension: extensionDir,
      files: { 'notes.txt': 'first line\n' },
    });
    workbench = await openWorkbench(server.url);
    const { page } = workbench;

    assert.equal(await statusBarText(page, SMOKE_STATUS), SMOKE_STATUS);
    await server.waitForOutputChannel(SMOKE_CHANNEL, /activated/);

    await openFile(page, 'notes.txt');
    await goToEnd(page);
    await typeInEditor(page, 'smoke: ');
    assert.equal(await waitForGhostText(page, SMOKE_COMPLETION), SMOKE_COMPLETION);
    await acceptGhostText(page);
    await save(page);
    const saved = fs.readFileSync(path.join(server.workspace, 'notes.txt'), 'utf8');
    assert.equal(saved, `first line\nsmoke: ${SMOKE_COMPLETION}`);

    await runCommand(page, SMOKE_COMMAND_TITLE);
    await statusBarItem(page, 'Smoke: said hello').waitFor();
    await server.waitForOutputChannel(SMOKE_CHANNEL, /hello command ran/);

    // Stopping ends code-server and everything it started (extension host,
    // file watcher), so no test leaves processes behind.
    const processes = processTree(server.pid);
    assert.ok(processes.length >= 3, `expected server, extension host and helpers, got ${processes.length}`);
    await workbench.close();
    await server.stop();
    assert.deepEqual(processes.filter(isAlive), []);
  });
});
