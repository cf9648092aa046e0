// A Hearth proposal under review in the workbench: its diff editor (the text it replaces against the
// proposal) with Accept Edit and Discard Edit in the title bar.
import type { Locator, Page } from 'playwright-core';
import { focusedEditor, save } from './browser';
import { until } from './hearthWorkspace';

/** A button in the active editor group's title bar, by its label (e.g. "Accept Edit"). */
export function titleAction(page: Page, title: string): Locator {
  return page.locator('.editor-group-container.active .editor-actions .action-label').and(page.getByLabel(title, { exact: false }));
}

/** The proposal's diff editor, once the proposal is complete and Accept is offered in its title bar. */
export async function finishedDiff(page: Page): Promise<Locator> {
  const diff = page.locator('.editor-instance .monaco-diff-editor');
  await page.locator('.tabs-container .tab.active', { hasText: "Hearth's proposal" }).waitFor({ timeout: 60_000 });
  await titleAction(page, 'Accept Edit').waitFor({ timeout: 120_000 });
  return diff;
}

/** Waits until the diff's proposal side shows `expected` (it redraws a moment after the proposal is final). */
export async function expectProposal(diff: Locator, expected: string): Promise<void> {
  const modified = diff.locator('.editor.modified .view-lines');
  let shown = '';
  await until('the final proposal in the diff', async () => {
    shown = (await modified.innerText()).replace(/\u00a0/g, ' ').trim();
    return shown === expected ? true : undefined;
  }, 30_000).catch((error: Error) => {
    throw new Error(`${error.message}; the proposal side shows ${JSON.stringify(shown)}`);
  });
}

/** Accepts the proposal from the diff's title bar, then saves `file`, which it changed. */
export async function acceptAndSave(page: Page, file: string): Promise<void> {
  await titleAction(page, 'Accept Edit').click();
  await page.locator(`.tabs-container .tab.active.dirty[data-resource-name=${JSON.stringify(file)}]`).waitFor();
  await focusedEditor(page).waitFor();
  await save(page);
}
