// Drives the VS Code workbench served by code-server in Debian's Chromium.
// Every helper waits on what the page shows (Playwright locators and
// waitForFunction), never on a fixed delay.
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox', // running as root in a container
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const GHOST_TEXT_INLINE = '.ghost-text-decoration, .ghost-text-decoration-preview';
const GHOST_TEXT_BELOW = '.ghost-text';
const GHOST_TEXT = `${GHOST_TEXT_INLINE}, ${GHOST_TEXT_BELOW}`;

export interface Workbench {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Opens `url` (a code-server page) in a fresh headless Chromium and waits for the workbench. */
export async function openWorkbench(url: string, timeoutMs = 60_000): Promise<Workbench> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(url);
    await waitForWorkbench(page, timeoutMs);
    return { browser, page, close: () => browser.close() };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** Waits until the workbench is laid out and connected to the server's file system. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: timeoutMs });
  // The explorer lists the folder once the remote file system answers.
  await page.locator('.explorer-folders-view .monaco-list').waitFor({ timeout: timeoutMs });
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-box input');
}

function quickInputRow(page: Page, label: string): Locator {
  return page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) })
    .first();
}

/** The editor that has keyboard focus. */
export function focusedEditor(page: Page): Locator {
  return page.locator('.editor-instance .monaco-editor.focused');
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor has focus. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop()!;
  await page.keyboard.press('Control+P');
  await quickInput(page).waitFor();
  await quickInput(page).fill(relativePath);
  // Results arrive asynchronously; the full path ranks its file first.
  await quickInputRow(page, name).waitFor();
  await page.keyboard.press('Enter');
  await activeTab(page, name).waitFor();
  await focusedEditor(page).waitFor();
  await waitForEditorContributions(page);
}

/**
 * Waits until a newly created editor has set up its lazy parts. VS Code
 * creates some editor contributions, inline completions among them, only once
 * the window is idle (at the latest after 5 s); keys typed before that never
 * trigger an inline completion. An idle callback queued now runs after theirs.
 */
export async function waitForEditorContributions(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 6000 })));
}

/** The tab of the active editor, if it shows `name`. */
export function activeTab(page: Page, name: string): Locator {
  return page.locator(`.tabs-container .tab.active[data-resource-name=${JSON.stringify(name)}]`);
}

/** Types into the focused editor as a person would, key by key. */
export async function typeInEditor(page: Page, text: string): Promise<void> {
  await focusedEditor(page).waitFor();
  await page.keyboard.type(text);
}

/** Moves the cursor to the end of the document in the focused editor. */
export async function goToEnd(page: Page): Promise<void> {
  await focusedEditor(page).waitFor();
  await page.keyboard.press('Control+End');
}

/**
 * Runs a command by its palette title, e.g. "Hearth: Restart Engine". With
 * `opensInput`, the command asks for input in the same widget: it is not
 * waited on to close.
 */
export async function runCommand(page: Page, title: string, options: { opensInput?: boolean } = {}): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).waitFor();
  await quickInput(page).fill(`>${title}`);
  await quickInputRow(page, title).click();
  if (!options.opensInput) await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** A status bar item by its accessible label (its text unless the extension set one). */
export function statusBarItem(page: Page, label: string | RegExp): Locator {
  return page
    .locator('.part.statusbar .statusbar-item')
    .and(page.getByLabel(typeof label === 'string' ? exactly(label) : label));
}

/** The visible text of a status bar item, once it is shown. */
export async function statusBarText(page: Page, label: string | RegExp): Promise<string> {
  const item = statusBarItem(page, label);
  await item.waitFor();
  return (await item.innerText()).trim();
}

interface GhostQuery {
  inline: string;
  below: string;
  source?: string;
  flags?: string;
}

/**
 * Runs in the page: the ghost text of the focused editor, or null when there
 * is none or it does not match. No named functions inside: the bundler would
 * wrap them in a helper that does not exist in the page.
 */
const readGhostText = ({ inline, below, source, flags }: GhostQuery): string | null => {
  const editor = document.querySelector('.editor-instance .monaco-editor.focused');
  if (!editor) return null;
  // Ghost text renders as an inline decoration on the cursor line and, for
  // further lines, a view zone below it that comes first in the DOM.
  const elements = Array.from(editor.querySelectorAll(inline)).concat(Array.from(editor.querySelectorAll(below)));
  const parts = elements.map((el) => (el.textContent ?? '').replace(/\u00a0/g, ' '));
  const text = parts.join('\n');
  if (text.length === 0) return null;
  if (source !== undefined && !new RegExp(source, flags).test(text)) return null;
  return text;
};

/**
 * Waits for inline-completion ghost text in the focused editor and returns
 * it, lines joined with "\n". With `expected`, waits until it matches.
 */
export async function waitForGhostText(page: Page, expected?: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const pattern = expected === undefined ? undefined : typeof expected === 'string' ? exactly(expected) : expected;
  const query: GhostQuery = { inline: GHOST_TEXT_INLINE, below: GHOST_TEXT_BELOW };
  try {
    const handle = await page.waitForFunction(readGhostText, { ...query, source: pattern?.source, flags: pattern?.flags }, {
      timeout: timeoutMs,
    });
    return (await handle.jsonValue()) as string;
  } catch (err) {
    const seen = await page.evaluate(readGhostText, query).catch(() => null);
    if (err instanceof Error) err.message += `\nghost text shown: ${JSON.stringify(seen)}`;
    throw err;
  }
}

/** Ghost text elements in the focused editor, e.g. to assert there are none. */
export function ghostText(page: Page): Locator {
  return focusedEditor(page).locator(GHOST_TEXT);
}

/** Accepts the shown inline completion with Tab. */
export async function acceptGhostText(page: Page): Promise<void> {
  await ghostText(page).first().waitFor();
  await page.keyboard.press('Tab');
}

/** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
export async function save(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active:not(.dirty)').waitFor();
}
