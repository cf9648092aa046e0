// Refactor commands in a real VS Code with the scripted model, reached from
// the command palette, the editor's context menu and the lightbulb: each shows
// its diff; Accept changes only the chosen range, in one undo step; Discard
// leaves the file byte-identical.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe } from 'node:test';
import { focusedEditor, openFile, runCommand, save, statusBarItem } from './browser';
import { hearthFixture } from './hearthFixture';
import { SCRIPTED_CODE, scriptedModelSettings, until } from './hearthWorkspace';
import { acceptAndSave, expectProposal, finishedDiff, titleAction } from './reviewView';

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
  'export const ratio: number = "wide";',
  '',
];
const ORIGINAL = LINES.join('\n');
const READY = /^Hearth: ready, /;

describe('Hearth refactor commands in VS Code', { timeout: 600_000 }, () => {
  const { server, page, scenario } = hearthFixture('hearth-refactor', async () => ({ files: { [FILE]: ORIGINAL }, settings: await scriptedModelSettings() }));
  const onDisk = (): string => fs.readFileSync(path.join(server().workspace, FILE), 'utf8');

  before(async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    await openFile(page(), FILE);
  });

  /** Back in the file's editor with line `line` (1-based) selected, from its first column to its end. */
  async function selectLine(line: number): Promise<void> {
    // Whatever menu or input a failed step left open.
    await page().keyboard.press('Escape');
    await page().keyboard.press('Escape');
    await page().getByRole('tab', { name: FILE, exact: true }).click();
    await focusedEditor(page()).waitFor();
    await page().keyboard.press('Control+G');
    await page().keyboard.type(String(line));
    await page().keyboard.press('Enter');
    await focusedEditor(page()).waitFor();
    await page().keyboard.press('Home');
    await page().keyboard.press('Home'); // the first press stops at the indentation
    await page().keyboard.press('Shift+End');
  }

  /** Picks an entry of the open code action list with the keyboard (the list blocks the pointer at first). */
  async function chooseAction(label: string): Promise<void> {
    const wanted = page().getByRole('option', { name: label, exact: true });
    await wanted.waitFor();
    for (let step = 0; !(await wanted.evaluate((row) => row.classList.contains('focused'))); step++) {
      assert.ok(step < 30, `could not move to "${label}" in the code action list`);
      await page().keyboard.press('ArrowDown');
    }
    await page().keyboard.press('Enter');
  }

  scenario('palette-edit-accept-undo', async () => {
    await selectLine(2);
    await runCommand(page(), 'Hearth: Edit with Instruction…', { opensInput: true });
    const instruction = page().locator('.quick-input-widget .quick-input-box input[placeholder^="Describe the change"]');
    await instruction.waitFor();
    await instruction.fill('return a constant instead');
    await page().keyboard.press('Enter');

    const diff = await finishedDiff(page());
    // The model wrote prose and a fence of its own: only the code is proposed.
    await expectProposal(diff, SCRIPTED_CODE);
    await acceptAndSave(page(), FILE);
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
    // Right-click on the selected text itself: a right-click elsewhere would move the cursor first.
    await focusedEditor(page()).locator('.view-line', { hasText: 'return 2 * (width + height);' }).click({ button: 'right' });
    const item = (label: string) => page().locator('.context-view').getByRole('menuitem', { name: label, exact: true });
    await item('Hearth').hover();
    // The submenu opens on hover; choose from it with the keyboard once its entry has focus.
    await item('Document Code').hover();
    await until('"Document Code" to have focus', async () =>
      (await item('Document Code').evaluate((el) => el.closest('.action-item')?.classList.contains('focused') ?? false)) ? true : undefined);
    await page().keyboard.press('Enter');

    const diff = await finishedDiff(page());
    await expectProposal(diff, SCRIPTED_CODE);
    await titleAction(page(), 'Discard Edit').click();
    await page().locator('.tabs-container .tab', { hasText: "Hearth's proposal" }).waitFor({ state: 'detached' });
    await page().locator(`.tabs-container .tab.active[data-resource-name=${JSON.stringify(FILE)}]:not(.dirty)`).waitFor();
    assert.equal(onDisk(), ORIGINAL);
  });

  scenario('lightbulb-fix-accept', async () => {
    // Line 9 has a type error; its lightbulb offers Hearth's fix next to the language's own once the
    // language server has reported it. The lightbulb's list is computed when the selection settles, so
    // until the fix is listed, close it, move away and come back.
    const fix = page().getByRole('option', { name: 'Fix with Hearth', exact: true });
    await until('"Fix with Hearth" in the lightbulb', async () => {
      await selectLine(1);
      await selectLine(9);
      const lightbulb = page().locator('.editor-instance .monaco-editor.focused .lightBulbWidget');
      await lightbulb.waitFor();
      await lightbulb.click();
      return (await fix.waitFor({ timeout: 3000 }).then(() => true, () => false)) ? true : undefined;
    }, 90_000);
    await chooseAction('Fix with Hearth');

    const diff = await finishedDiff(page());
    await expectProposal(diff, SCRIPTED_CODE);
    await acceptAndSave(page(), FILE);
    const expected = [...LINES.slice(0, 8), SCRIPTED_CODE, ...LINES.slice(9)].join('\n');
    assert.equal(onDisk(), expected);
  });
});
