// Hearth's completions as a user meets them in a real VS Code (code-server), with a scripted model that always
// answers the same raw text: a suggestion typed inside an auto-closed parenthesis replaces it and is accepted
// with Tab, leaving the saved file balanced; the status bar's menu turns completions off and on for the
// editor's language, snoozes and resumes them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureModel } from '../model/cache';
import { scriptPieces } from '../model/scriptPieces';
import { acceptGhostText, goToEnd, openFile, save, statusBarItem, typeInEditor, waitForGhostText } from './browser';
import { hearthFixture } from './hearthFixture';
import { until } from './hearthWorkspace';

const FILE = 'hello.ts';
const ORIGINAL = 'export const greeting = "Hello";\n';
const RAW = ') {\n    console.log(greeting);\n}';
const READY = /^Hearth: ready, /;

/** Brackets that stay open or close nothing, in code without strings that hold any. */
function unbalanced(text: string): number {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  let wrong = 0;
  for (const ch of text) {
    if ('([{'.includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) wrong++;
  }
  return wrong + stack.length;
}

/** Opens the status bar item's menu and picks the entry whose label contains `label`. */
async function pickFromStatusMenu(page: Page, label: string): Promise<void> {
  await statusBarItem(page, READY).click();
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor();
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

describe('Hearth completion quality in VS Code', { timeout: 600_000 }, () => {
  const { server, page, scenario } = hearthFixture('hearth-quality', async () => ({
    files: { [FILE]: ORIGINAL },
    settings: { 'hearth.model.path': await ensureModel({ preset: 'tiny', script: scriptPieces(RAW) }), 'hearth.completion.maxTokens': 64 },
  }));
  const onDisk = (): string => fs.readFileSync(path.join(server().workspace, FILE), 'utf8');
  // Read while VS Code may be writing it: a file caught half-written reads as no settings yet.
  const userSettings = (): Record<string, unknown> => {
    try {
      return JSON.parse(fs.readFileSync(path.join(server().userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const statusLabel = async (): Promise<string> => (await statusBarItem(page(), READY).getAttribute('aria-label')) ?? '';

  scenario('replace-range', async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    await openFile(page(), FILE);
    await goToEnd(page());
    // The editor closes the parenthesis as it is typed: the cursor ends up inside `printHello(█)`.
    await typeInEditor(page(), '\nfunction printHello(');
    // Ghost text comes in pieces, one element per token colour.
    await waitForGhostText(page(), /greeting/, 60_000);
    await acceptGhostText(page());
    await save(page());
    const saved = onDisk();
    assert.equal(saved, `${ORIGINAL}\nfunction printHello() {\n    console.log(greeting);\n}`);
    assert.equal(unbalanced(saved), 0, saved);
  });

  scenario('status-menu', async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    await openFile(page(), FILE);

    await pickFromStatusMenu(page(), 'Disable Completions for typescript');
    await until('the setting off for TypeScript', () => ((userSettings()['[typescript]'] as Record<string, unknown> | undefined)?.['hearth.completion.enabled'] === false ? true : undefined));
    await until('the status bar to say so', async () => (/completions off for typescript/.test(await statusLabel()) ? true : undefined));

    await pickFromStatusMenu(page(), 'Enable Completions for typescript');
    await until('the setting on again', () => ((userSettings()['[typescript]'] as Record<string, unknown> | undefined)?.['hearth.completion.enabled'] === true ? true : undefined));
    await until('the status bar back to plain ready', async () => (/completions/.test(await statusLabel()) ? undefined : true));

    await pickFromStatusMenu(page(), 'Snooze Completions for 5 Minutes');
    await until('the status bar to show the snooze', async () => (/completions snoozed until/.test(await statusLabel()) ? true : undefined));
    await pickFromStatusMenu(page(), 'Resume Completions');
    await until('the status bar back to plain ready', async () => (/completions/.test(await statusLabel()) ? undefined : true));

    // Completions come back once resumed. The menu leaves the focus on the status bar: back to the editor.
    await openFile(page(), FILE);
    await goToEnd(page());
    await typeInEditor(page(), '\nfunction again(');
    await waitForGhostText(page(), /greeting/, 60_000);
  });
});
