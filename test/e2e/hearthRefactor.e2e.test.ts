// Inline chat and the refactor commands in a real VS Code with the scripted model, reached with Ctrl+I, from
// the command palette, the editor's context menu and the lightbulb. Each proposal is reviewed inside the file,
// at its real lines (a long one in a diff editor); Accept changes only the chosen range, in one undo step; a
// follow-up instruction refines the proposal; Discard, or a reload during the review, leaves the file byte-identical.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe } from 'node:test';
import { focusedEditor, openFile, runCommand, save, statusBarItem } from './browser';
import { hearthFixture } from './hearthFixture';
import { LOG_CHANNEL, SCRIPTED_CODE, scriptedModelSettings, until } from './hearthWorkspace';
import { acceptAndSave, expectReviewLines, finishedDiff, finishedReview, reviewLens, screenshotPath, titleAction } from './reviewView';

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
// A change this long is reviewed in a diff editor.
const LONG = 'long.ts';
const LONG_ORIGINAL = Array.from({ length: 160 }, (_, i) => `// ${i}`).join('\n') + '\n';
const READY = /^Hearth: ready, /;

/** The review's lines as `expectReviewLines` reads them: the file's lines with line `line` (1-based) replaced by the scripted code. */
function reviewOf(line: number): string[] {
  const numbered = (index: number) => `${index + 1}|${LINES[index]}`;
  const indent = /^\s*/.exec(LINES[line - 1])![0];
  return [
    ...LINES.slice(0, line - 1).map((_, i) => numbered(i)),
    `${line} −~|${LINES[line - 1]}`,
    `+|${indent}${SCRIPTED_CODE}`,
    ...LINES.slice(line).map((_, i) => numbered(line + i)),
  ];
}

describe('Hearth inline chat and refactor commands in VS Code', { timeout: 900_000 }, () => {
  const { server, page, scenario } = hearthFixture('hearth-refactor', async () => ({
    files: { [FILE]: ORIGINAL, [LONG]: LONG_ORIGINAL },
    // The theme follows the page's colour scheme, so the screenshots can show both.
    settings: { ...(await scriptedModelSettings()), 'window.autoDetectColorScheme': true },
  }));
  const onDisk = (file = FILE): string => fs.readFileSync(path.join(server().workspace, file), 'utf8');
  /** How many edits the engine has written so far, by its log. */
  const editsLogged = (): number => {
    const log = server().outputChannelLog(LOG_CHANNEL);
    return log ? (fs.readFileSync(log, 'utf8').match(/refactor edit:/g) ?? []).length : 0;
  };

  before(async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    await openFile(page(), FILE);
  });

  /** Back in `file`'s editor with line `line` (1-based) selected, from its first column to its end. */
  async function selectLine(line: number, file = FILE): Promise<void> {
    // Whatever menu or input a failed step left open.
    await page().keyboard.press('Escape');
    await page().keyboard.press('Escape');
    await page().getByRole('tab', { name: file, exact: true }).click();
    await focusedEditor(page()).waitFor();
    await page().keyboard.press('Control+G');
    await page().keyboard.type(String(line));
    await page().keyboard.press('Enter');
    await focusedEditor(page()).waitFor();
    await page().keyboard.press('Home');
    await page().keyboard.press('Home'); // the first press stops at the indentation
    await page().keyboard.press('Shift+End');
  }

  /** The instruction box titled `title`, open at the code in the focused editor (a comment thread's zone). */
  function instructionBox(title: string) {
    return page().locator('.review-widget', { has: page().locator('.head .review-title', { hasText: title }) });
  }

  /** Types `instruction` into the instruction box titled `title`, which has the cursor, and sends it with Ctrl+Enter or its Send button. */
  async function instruct(title: string, instruction: string, send: 'Control+Enter' | 'Send', screenshot?: string): Promise<void> {
    const box = instructionBox(title);
    await box.locator('.edit-textarea .monaco-editor.focused').waitFor();
    await page().keyboard.type(instruction);
    if (screenshot) await screenshotGroup(screenshot, 400);
    if (send === 'Send') await box.locator('.monaco-button', { hasText: /^Send$/ }).click();
    else await page().keyboard.press(send);
    await box.waitFor({ state: 'detached' });
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

  /** Screenshots `<name>-dark.png` and `<name>-light.png` of the active editor group (the page's colour scheme picks the theme). */
  async function screenshotGroup(name: string, height = 330): Promise<void> {
    const group = page().locator('.editor-group-container.active');
    for (const [scheme, themeClass] of [['dark', 'vs-dark'], ['light', 'vs']] as const) {
      await page().emulateMedia({ colorScheme: scheme });
      await page().locator(`.monaco-workbench.${themeClass}`).waitFor();
      const box = (await group.boundingBox())!;
      await page().screenshot({ path: screenshotPath(`${name}-${scheme}.png`), clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, height) } });
    }
  }

  scenario('ctrl-i-edit-accept-undo', async () => {
    await selectLine(2);
    // The box opens at the code with the cursor in it; Escape closes it and nothing else happens.
    await page().keyboard.press('Control+I');
    const box = instructionBox(`Hearth: Edit line 2 of ${FILE}`);
    await box.locator('.edit-textarea .monaco-editor.focused').waitFor();
    await page().keyboard.type('never sent');
    await page().keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    await page().locator(`.tabs-container .tab.active[data-resource-name=${JSON.stringify(FILE)}]:not(.dirty)`).waitFor();

    await selectLine(2);
    await page().keyboard.press('Control+I');
    await instruct(`Hearth: Edit line 2 of ${FILE}`, 'return a constant instead', 'Control+Enter', 'instruction-box');

    // The proposal is drawn into the file's own lines: line 2 struck through, the code that replaces it after it.
    const review = await finishedReview(page(), FILE);
    await expectReviewLines(review, reviewOf(2));
    await reviewLens(review, 'return a constant instead').waitFor();
    await screenshotGroup('inline-review');

    // Back in the file, which is untouched, the way to the review stands above the target; the review comes back as it was.
    await page().getByRole('tab', { name: FILE, exact: true }).click();
    await focusedEditor(page()).locator('.codelens-decoration > a', { hasText: `Show Hearth's proposal for line 2` }).click();
    await expectReviewLines(await finishedReview(page(), FILE), reviewOf(2));
    await focusedEditor(page()).waitFor();
    await acceptAndSave(page(), FILE);
    // Only line 2 changed, re-indented like the line it replaced; every other byte is as it was.
    assert.equal(onDisk(), [LINES[0], `    ${SCRIPTED_CODE}`, ...LINES.slice(2)].join('\n'));

    // One undo step takes the whole change back.
    await page().keyboard.press('Control+Z');
    await save(page());
    assert.equal(onDisk(), ORIGINAL);
  });

  scenario('palette-edit-refine-accept', async () => {
    const edits = editsLogged();
    await selectLine(6);
    await runCommand(page(), 'Hearth: Edit with Instruction…');
    await instruct(`Hearth: Edit line 6 of ${FILE}`, 'use multiplication', 'Send');
    const review = await finishedReview(page(), FILE);

    // A follow-up instruction rewrites the proposal: the engine is asked again, the review stays. Its label
    // beside Accept is the finished refinement (while it is written, Cancel stands there).
    await page().keyboard.press('Control+I');
    await instruct(`Hearth: Refine the proposal for line 6 of ${FILE}`, 'name the result', 'Control+Enter');
    await reviewLens(review, 'name the result').waitFor();
    await reviewLens(review, 'Accept').waitFor({ timeout: 120_000 });
    await until('the engine to have written the proposal and its refinement', () => (editsLogged() >= edits + 2 ? true : undefined));
    await expectReviewLines(review, reviewOf(6));
    await reviewLens(review, 'Accept').click();
    await page().locator(`.tabs-container .tab.active.dirty[data-resource-name=${JSON.stringify(FILE)}]`).waitFor();
    await save(page());
    assert.equal(onDisk(), [...LINES.slice(0, 5), `    ${SCRIPTED_CODE}`, ...LINES.slice(6)].join('\n'));
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

    const review = await finishedReview(page(), FILE);
    await expectReviewLines(review, reviewOf(6));
    // Escape discards: the view closes and the file is back, untouched.
    await page().keyboard.press('Escape');
    await page().locator('.tabs-container .tab', { hasText: `Hearth: ${FILE}` }).waitFor({ state: 'detached' });
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

    const review = await finishedReview(page(), FILE);
    await expectReviewLines(review, reviewOf(9));
    await acceptAndSave(page(), FILE);
    assert.equal(onDisk(), [...LINES.slice(0, 8), SCRIPTED_CODE, ...LINES.slice(9)].join('\n'));
  });

  scenario('long-change-diff-discard', async () => {
    await openFile(page(), LONG);
    await page().keyboard.press('Control+A');
    await runCommand(page(), 'Hearth: Document Code');
    await finishedDiff(page());
    await titleAction(page(), 'Discard Edit').click();
    await page().locator('.tabs-container .tab', { hasText: "Hearth's proposal" }).waitFor({ state: 'detached' });
    assert.equal(onDisk(LONG), LONG_ORIGINAL);
  });

  scenario('reload-during-review', async () => {
    const saved = onDisk();
    await selectLine(2);
    // An instruction sent before comes back from the box's Recent Instructions….
    await page().keyboard.press('Control+I');
    const box = instructionBox(`Hearth: Edit line 2 of ${FILE}`);
    await box.locator('.edit-textarea .monaco-editor.focused').waitFor();
    await box.locator('.head .action-label[aria-label^="Recent Instructions"]').click();
    await page().locator('.quick-input-widget').getByRole('option', { name: /return a constant instead/ }).click();
    await box.waitFor({ state: 'detached' });
    await finishedReview(page(), FILE);

    // A reload ends the review: its restored tab is closed and the file is as it was, on disk and in its editor.
    await page().reload();
    await page().locator(`.tabs-container .tab[data-resource-name=${JSON.stringify(FILE)}]`).waitFor({ timeout: 60_000 });
    await statusBarItem(page(), READY).waitFor({ timeout: 180_000 });
    await page().locator('.tabs-container .tab', { hasText: `Hearth: ${FILE}` }).waitFor({ state: 'detached' });
    await page().locator(`.tabs-container .tab[data-resource-name=${JSON.stringify(FILE)}]:not(.dirty)`).waitFor();
    assert.equal(onDisk(), saved);
  });
});
