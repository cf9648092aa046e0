// A new user's first run in a real VS Code: no model configured, Hearth offers
// the model recommended for this machine, downloads it from a local stand-in
// for Hugging Face with a progress notification, is cancelled and resumed
// (fetching only the rest) and checks it against the file the catalog pins,
// then completes code, without the user ever
// opening a settings file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { catalog } from '../../engine/models/catalog';
import { engineCatalogEnv, engineDebugEnv } from '../../engine/protocol';
import { ensureModel } from '../model/cache';
import { ModelsHub } from '../engine/modelsHub';
import { captureOnFailure } from './artifacts';
import { acceptGhostText, goToEnd, openFile, openWorkbench, save, statusBarItem, typeInEditor, waitForGhostText, type Workbench } from './browser';
import type { CodeServer } from './codeServer';
import { startHearth } from './hearthWorkspace';

const FILE = 'main.ts';
const ORIGINAL = 'export function add(a: number, b: number): number {\n    return a + b;\n}\n';
const READY = /^Hearth: ready, /;
/**
 * Bytes the hub serves before it holds the download, so that Cancel lands mid-file once the
 * downloader's first 5 MB chunks are on disk (it shows 17 MB or more by then).
 */
const SERVED_BEFORE_CANCEL = 17 * 1024 * 1024;
const ON_DISK_BEFORE_CANCEL = /\b(1[7-9]) MB of /;

describe('Hearth first run in VS Code', { timeout: 600_000 }, () => {
  let hub: ModelsHub | undefined;
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let model: Buffer;
  let catalogDir: string | undefined;
  const page = (): Page => workbench!.page;

  before(async () => {
    // Every catalog entry's pinned file is a generated model of several download chunks, and the engine runs with
    // Hearth's catalog pinned to it.
    model = fs.readFileSync(await ensureModel({ preset: 'tiny', hidden: 256, ffn: 1024, layers: 4, vocabSize: 32000 }));
    const sha256 = createHash('sha256').update(model).digest('hex');
    catalogDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-catalog-'));
    const catalogFile = path.join(catalogDir, 'catalog.json');
    fs.writeFileSync(catalogFile, JSON.stringify(catalog.map((entry) => ({ ...entry, fileBytes: model.length, sha256 }))));
    hub = await ModelsHub.start();
    for (const entry of catalog) hub.addFile(entry.repo, entry.file, model, { revision: entry.revision, publishSha256: false });
    server = await startHearth(
      { [FILE]: ORIGINAL },
      { 'hearth.model.path': undefined, 'hearth.model.huggingFaceEndpoint': hub.url },
      { [engineDebugEnv]: '1', [engineCatalogEnv]: catalogFile }
    );
    workbench = await openWorkbench(server.url);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    await hub?.close();
    if (catalogDir) fs.rmSync(catalogDir, { recursive: true, force: true });
  });

  function notification(text: string | RegExp): Locator {
    return page().locator('.notifications-toasts .notification-toast', { hasText: text });
  }

  function button(within: Locator, name: string): Locator {
    return within.locator('.monaco-button', { hasText: new RegExp(`^${name}$`) });
  }

  test('download-cancel-resume-complete', () =>
    captureOnFailure('hearth-first-run', () => ({ page: workbench?.page, server }), async () => {
      const offer = notification('Hearth needs a model to run');
      await offer.waitFor({ timeout: 120_000 });
      hub!.holdAfter(SERVED_BEFORE_CANCEL);
      await button(offer, 'Download recommended model').click();

      const dialog = page().locator('.monaco-dialog-box');
      await dialog.waitFor();
      const question = await dialog.locator('.dialog-message-text').innerText();
      const recommended = catalog.find((entry) => question.includes(entry.label));
      assert.ok(recommended, `the dialog names no catalog model: ${question}`);
      await button(dialog, 'Download').click();

      const progress = notification(`Downloading ${recommended.label}`);
      await progress.locator('.notification-list-item-message', { hasText: ON_DISK_BEFORE_CANCEL }).waitFor({ timeout: 60_000 });
      await button(progress, 'Cancel').click();
      const paused = notification('is paused');
      await paused.waitFor();

      hub!.resume();
      hub!.resetRequests();
      await button(paused, 'Resume').click();
      await statusBarItem(page(), READY).waitFor({ timeout: 180_000 });
      const fetchedAfterResume = hub!.rangeBytes;
      assert.ok(fetchedAfterResume > 0 && fetchedAfterResume < model.length, `fetched ${fetchedAfterResume} of ${model.length} bytes after resuming`);

      const storage = path.join(server!.userDataDir, 'User', 'globalStorage');
      const downloaded = fs.readdirSync(storage, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.gguf'));
      assert.equal(downloaded.length, 1, `models in global storage: ${downloaded.map((e) => e.name).join(', ')}`);
      assert.ok(fs.readFileSync(path.join(downloaded[0].parentPath, downloaded[0].name)).equals(model), 'the downloaded file differs from the served one');

      await openFile(page(), FILE);
      await goToEnd(page());
      await typeInEditor(page(), '\nconst total = ');
      await waitForGhostText(page(), /\S/, 60_000);
      await acceptGhostText(page());
      await page().locator('.tabs-container .tab.active.dirty').waitFor();
      await save(page());
      const saved = fs.readFileSync(path.join(server!.workspace, FILE), 'utf8');
      assert.ok(saved.length > (ORIGINAL + '\nconst total = ').length, `nothing was completed:\n${saved}`);
    }));
});
