// A Hearth proposal under review in the workbench. Inline: a read-only view of the file ("Hearth: <file>")
// with the change drawn at the file's own lines (the number column and the marks are decorations) and its
// actions as CodeLens above the change. For a long change: a diff editor with Accept Edit and Discard Edit in
// its title bar.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { focusedEditor, save } from './browser';
import { REPO_ROOT, until } from './hearthWorkspace';

/** The inline review of `file`, once its view is the active editor. */
export async function inlineReview(page: Page, file: string): Promise<Locator> {
  await page.locator('.tabs-container .tab.active', { hasText: `Hearth: ${file}` }).waitFor({ timeout: 60_000 });
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
}

/** A CodeLens above the change whose title contains `title`: an action ("Accept", a link) or a label (a span). */
export function reviewLens(review: Locator, title: string): Locator {
  return review.locator('.codelens-decoration > a, .codelens-decoration > span', { hasText: title });
}

/** The inline review of `file` once its proposal is complete: Accept is offered above it. */
export async function finishedReview(page: Page, file: string): Promise<Locator> {
  const review = await inlineReview(page, file);
  await reviewLens(review, 'Accept').waitFor({ timeout: 120_000 });
  return review;
}

/**
 * Runs in the page: the review's visible lines in order, each as "<number column>|<text>", with "~" after the
 * column when the text is struck through. The column is the CSS content of a decoration, not text.
 */
const readLines = (root: Element): string[] => {
  const lines = Array.from(root.querySelectorAll('.view-lines .view-line')).sort((a, b) => parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top));
  return lines.map((line) => {
    const spans = Array.from(line.querySelectorAll('span'));
    const column = spans.map((span) => getComputedStyle(span, '::before').content).find((content) => content !== 'none' && content !== 'normal') ?? '';
    const struck = spans.some((span) => span.textContent !== '' && getComputedStyle(span).textDecorationLine.includes('line-through'));
    const number = column.replace(/^"|"$/g, '').replace(/\u00a0/g, ' ').trim().replace(/\s+/g, ' ');
    return `${number}${struck ? '~' : ''}|${(line.textContent ?? '').replace(/\u00a0/g, ' ')}`;
  });
};

/** Waits until the review shows exactly `expected` (see `readLines`); it redraws as the model writes. */
export async function expectReviewLines(review: Locator, expected: string[]): Promise<void> {
  let shown: string[] = [];
  await until('the review to show the final proposal', async () => {
    shown = await review.evaluate(readLines);
    return JSON.stringify(shown) === JSON.stringify(expected) ? true : undefined;
  }, 30_000).catch((error: Error) => {
    throw new Error(`${error.message}; it shows ${JSON.stringify(shown, null, 1)}`);
  });
}

/** Accepts the finished review with its key (Ctrl+Enter), then saves `file`, which Accept changed. */
export async function acceptAndSave(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+Enter');
  await page.locator(`.tabs-container .tab.active.dirty[data-resource-name=${JSON.stringify(file)}]`).waitFor();
  await focusedEditor(page).waitFor();
  await save(page);
}

/** Where the review's screenshots go: committed under media/screenshots/ with HEARTH_E2E_SCREENSHOTS=1. */
export function screenshotPath(name: string): string {
  const dir = process.env.HEARTH_E2E_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'media', 'screenshots') : path.join(REPO_ROOT, 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** A button in the active editor group's title bar, by its label (e.g. "Accept Edit"). */
export function titleAction(page: Page, title: string): Locator {
  return page.locator('.editor-group-container.active .editor-actions .action-label').and(page.getByLabel(title, { exact: false }));
}

/** The diff editor of a long proposal, once the proposal is complete and Accept is offered in its title bar. */
export async function finishedDiff(page: Page): Promise<Locator> {
  const diff = page.locator('.editor-instance .monaco-diff-editor');
  await page.locator('.tabs-container .tab.active', { hasText: "Hearth's proposal" }).waitFor({ timeout: 60_000 });
  await titleAction(page, 'Accept Edit').waitFor({ timeout: 120_000 });
  return diff;
}
