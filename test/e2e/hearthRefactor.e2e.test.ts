// Refactor commands in a real VS Code with the scripted model, reached from
// the command palette, the editor's context menu and the lightbulb: each shows
// its diff; Accept changes only the chosen range, in one undo step; Discard
// leaves the file byte-identical.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { captureOnFailure } from './artifacts';
import { focusedEditor, openFile, openWorkbench, runCommand, save, statusBarItem, type Workbench } from './browser';
import type { CodeServer } from './codeServer';
import { SCRIPTED_CODE, scriptedModelSettings, startHearth } from './hearthWorkspace';

const FILE = 'shapes.ts';
const LINES = [
  'export function area(width: number, height: number): number {',
  '    return width * height;',
  '}',
  '',
  'export function perimeter(width: number, height: number): number {',
  '    return 2 * (width + height);',
  '}',
  '',
];
const ORIGINAL = LINES.join('\n');
const READY = /^Hearth: ready, /;

describe('Hearth refactor commands in VS Code', { timeout: 600_000 }, () => {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  const page = (): Page => workbench!.page;
  const onDisk = (): string => fs.readFileSync(path.join(server!.workspace, FILE), 'utf8');
  const scenario = (name: string, body: () => Promise<void>) =>
    test(name, () => captureOnFailure(`hearth-refactor-${name}`, () => ({ page: workbench?.page, server }), body));

  before(async () => {
    server = await startHearth({ [FILE]: ORIGINAL }, await scriptedModelSettings());
    workbench = await openWorkbench(server.url);
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    await openFile(page(), FILE);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
  });

  /** Back in the file's editor with line `line` (1-based) selected, from its first column to its end. */
  async function selectLine(line: number): Promise<void> {
    await page().locator(`.tabs-container .tab[data-resource-name=${JSON.stringify(FILE)}]`).click();
    await focusedEditor(page()).waitFor();
    await page().keyboard.press('Control+G');
    await page().keyboard.type(String(line));
    await page().keyboard.press('Enter');
    await focusedEditor(page()).waitFor();
    await page().keyboard.press('Home');
    await page().keyboard.press('Home'); // the first press stops at the indentation
    await page().keyboard.press('Shift+End');
  }

  /** The proposal's diff editor, once the model has finished and Accept is offered. */
  async function finishedDiff(): Promise<Locator> {
    const diff = page().locator('.editor-instance .monaco-diff-editor');
    await page().locator('.tabs-container .tab.active', { hasText: "Hearth's proposal" }).waitFor({ timeout: 60_000 });
    await diff.locator('.codelens-decoration a', { hasText: 'Accept' }).waitFor({ timeout: 120_000 });
    return diff;
  }

  async function proposalText(diff: Locator): Promise<string> {
    return (await diff.locator('.editor.modified .view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  scenario('palette-edit-accept-undo', async () => {
    await selectLine(2);
    await runCommand(page(), 'Hearth: Edit with Instruction…');
    const instruction = page().locator('.quick-input-widget .quick-input-box input');
    await instruction.waitFor();
    await instruction.fill('return a constant instead');
    await page().keyboard.press('Enter');

    const diff = await finishedDiff();
    assert.match(await proposalText(diff), /export const answer = 42;/);
    await diff.locator('.codelens-decoration a', { hasText: 'Accept' }).click();
    await page().locator(`.tabs-container .tab.active.dirty[data-resource-name=${JSON.stringify(FILE)}]`).waitFor();
    await focusedEditor(page()).waitFor();
    await save(page());
    // Only line 2 changed, re-indented like the line it replaced; every other byte is as it was.
    const expected = [LINES[0], `    ${SCRIPTED_CODE}`, ...LINES.slice(2)].join('\n');
    assert.equal(onDisk(), expected);

    // One undo step takes the whole change back.
    await page().keyboard.press('Control+Z');
    await save(page());
    assert.equal(onDisk(), ORIGINAL);
  });

  scenario('context-menu-document-discard', async () => {
    await selectLine(6);
    await page().locator('.editor-instance .monaco-editor .view-lines').click({ button: 'right', position: { x: 60, y: 90 } });
    const menu = page().locator('.context-view .monaco-menu');
    await menu.locator('.action-item', { hasText: /^Hearth$/ }).hover();
    await menu.locator('.action-item', { hasText: 'Document Code' }).click();

    const diff = await finishedDiff();
    assert.match(await proposalText(diff), /export const answer = 42;/);
    await diff.locator('.codelens-decoration a', { hasText: 'Discard' }).click();
    await page().locator('.tabs-container .tab', { hasText: "Hearth's proposal" }).waitFor({ state: 'detached' });
    await page().locator(`.tabs-container .tab.active[data-resource-name=${JSON.stringify(FILE)}]:not(.dirty)`).waitFor();
    assert.equal(onDisk(), ORIGINAL);
  });

  scenario('lightbulb-document-accept', async () => {
    await selectLine(6);
    const lightbulb = page().locator('.editor-instance .monaco-editor.focused .lightBulbWidget');
    await lightbulb.waitFor();
    await lightbulb.click();
    await page().locator('.action-widget .action-label', { hasText: 'Document with Hearth' }).click();

    const diff = await finishedDiff();
    await diff.locator('.codelens-decoration a', { hasText: 'Accept' }).click();
    await page().locator(`.tabs-container .tab.active.dirty[data-resource-name=${JSON.stringify(FILE)}]`).waitFor();
    await focusedEditor(page()).waitFor();
    await save(page());
    const expected = [...LINES.slice(0, 5), `    ${SCRIPTED_CODE}`, ...LINES.slice(6)].join('\n');
    assert.equal(onDisk(), expected);
  });
});
