// The chat as a Copilot user expects it, in a real VS Code with the scripted model: an @ that attached a file
// leaves no @ behind, and a file is attached once however it is asked for; the last answer asked for again and
// the last question edited and sent again; Ctrl+Alt+H and ↑; past chats found by searching their titles; the
// walkthrough's steps ticked by what happened; and the panel in the dark and the light theme (screenshots,
// kept in media/screenshots/ with HEARTH_UPDATE_SCREENSHOTS=1).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { acceptGhostText, focusedEditor, goToEnd, openFile, runCommand, statusBarItem, typeInEditor, waitForEditorContributions, waitForGhostText } from './browser';
import { chatFrame, openChat, sendChatMessage } from './chatView';
import { hearthFixture } from './hearthFixture';
import { REPO_ROOT, SCRIPTED_CODE, scriptedModelSettings, until } from './hearthWorkspace';

const MAIN = 'main.ts';
const HELPER = 'helper.ts';
const FILES = {
  [MAIN]: 'import { double } from "./helper";\n\nexport const four = double(2);\n',
  [HELPER]: 'export function double(n: number): number {\n    return n * 2;\n}\n',
};
const READY = /^Hearth: ready, /;
const SCREENSHOTS = process.env.HEARTH_UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'media', 'screenshots') : path.join(REPO_ROOT, 'test-results', 'screenshots');

/** The labels of the chips attached to the next message. */
async function chips(chat: FrameLocator): Promise<string[]> {
  return chat.locator('#attachments .chip .chip-label').allInnerTexts();
}

async function waitForAnswer(chat: FrameLocator, nth: number): Promise<void> {
  await chat.locator('article.message.assistant.status-done').nth(nth).waitFor({ timeout: 120_000 });
  await chat.locator('button[data-message-action="retry"]').waitFor();
}

function quickInput(page: Page) {
  return page.locator('.quick-input-widget .quick-input-box input');
}

describe('Hearth chat, the way a Copilot user expects it', { timeout: 600_000 }, () => {
  // VS Code's default start, with the Welcome page: it creates the walkthrough service, which ticks a step when its
  // context key turns true. Created later (the walkthrough first opened after Hearth set its keys), the service
  // takes keys already true as done events without ticking their steps (VS Code 1.100).
  const { page, scenario } = hearthFixture('hearth-chat-ux', async () => ({
    files: FILES,
    settings: { ...(await scriptedModelSettings()), 'workbench.startupEditor': 'welcomePage' },
  }));

  scenario('mention-and-duplicates', async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    await openFile(page(), HELPER);
    await openFile(page(), MAIN);
    const chat = await openChat(page());
    const input = chat.locator('textarea#input');

    // "@" opens the workspace file picker; the file picked becomes a chip and the "@" goes.
    await input.fill('Compare this with ');
    await input.press('End');
    await input.press('@');
    await quickInput(page()).waitFor();
    await quickInput(page()).fill(HELPER);
    await page().locator('.quick-input-widget .monaco-list-row', { hasText: HELPER }).first().waitFor();
    await page().keyboard.press('Enter');
    await chat.locator('#attachments .chip', { hasText: HELPER }).waitFor();
    assert.equal(await input.inputValue(), 'Compare this with ');

    // Both files are open: "Open editors" adds only the one not attached yet, "Current file" adds nothing.
    await chat.getByRole('button', { name: 'Attach the open editors' }).click();
    await chat.locator('#status', { hasText: `Already attached: ${HELPER}.` }).waitFor();
    await chat.getByRole('button', { name: 'Attach the current file' }).click();
    await chat.locator('#status', { hasText: `Already attached: ${MAIN}.` }).waitFor();
    assert.deepEqual((await chips(chat)).sort(), [HELPER, MAIN]);

    await input.fill('Compare these two files.');
    await input.press('Enter');
    await waitForAnswer(chat, 0);
    const sentWith = await chat.locator('article.message.user .message-attachments li').allInnerTexts();
    assert.deepEqual(sentWith.sort(), [HELPER, MAIN]);
    assert.deepEqual((await chips(chat)).sort(), [HELPER, MAIN], 'attached context stays for the follow-up');
  });

  scenario('retry-edit-recall', async () => {
    await runCommand(page(), 'Hearth: New Chat');
    // Ctrl+Alt+H, from the editor, puts the cursor in the chat's message box.
    await page().getByRole('tab', { name: MAIN, exact: true }).click();
    await focusedEditor(page()).waitFor();
    await page().keyboard.press('Control+Alt+H');
    const chat = chatFrame(page());
    await chat.locator('textarea#input:focus').waitFor();
    const remove = chat.locator('#attachments .chip-remove');
    while ((await remove.count()) > 0) await remove.first().click();
    await sendChatMessage(chat, 'First question');
    await waitForAnswer(chat, 0);

    // Retry: the same question, a new answer in place of the old one.
    const firstAnswer = await chat.locator('article.message.assistant').getAttribute('data-message-id');
    await chat.getByRole('button', { name: 'Ask for this answer again' }).click();
    await until('a new answer in place of the first', async () => ((await chat.locator('article.message.assistant').getAttribute('data-message-id')) !== firstAnswer ? true : undefined));
    await waitForAnswer(chat, 0);
    assert.equal(await chat.locator('article.message').count(), 2);
    assert.match(await chat.locator('article.message.assistant .message-body').innerText(), new RegExp(SCRIPTED_CODE));

    // Edit: the question comes back to the box, and is sent in place of the old one.
    await chat.getByRole('button', { name: 'Edit your last message and send it again' }).click();
    const input = chat.locator('textarea#input');
    assert.equal(await input.inputValue(), 'First question');
    await chat.locator('#editing').waitFor();
    await input.press('End');
    await input.pressSequentially(', edited');
    await input.press('Enter');
    await chat.locator('article.message.user .message-body', { hasText: 'First question, edited' }).waitFor();
    await waitForAnswer(chat, 0);
    assert.equal(await chat.locator('article.message').count(), 2);
    assert.equal(await chat.locator('#editing').isHidden(), true);

    // ↑ in the empty box recalls it.
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'First question, edited');

    // A long unbroken token wraps; the transcript never scrolls sideways.
    await sendChatMessage(chat, `Why is ${'0123456789abcdef'.repeat(25)} so long?`);
    await waitForAnswer(chat, 1);
    const transcript = chat.locator('#transcript');
    const [scrollWidth, clientWidth] = await transcript.evaluate((element) => [element.scrollWidth, element.clientWidth]);
    assert.ok(scrollWidth <= clientWidth, `the transcript is ${scrollWidth} px wide in ${clientWidth} px`);
  });

  scenario('history-search', async () => {
    await runCommand(page(), 'Hearth: Show Chat History…', { opensInput: true });
    const rows = page().locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'First question, edited' }).waitFor();
    await page().locator('.quick-input-widget .quick-input-list', { hasText: 'Today' }).waitFor();
    await quickInput(page()).fill('compare');
    await until('one chat to match "compare"', async () => ((await rows.count()) === 1 ? true : undefined));
    const row = rows.first();
    assert.match(await row.innerText(), /Compare these two files\./);
    assert.match(await row.innerText(), /\d\d:\d\d/, 'each chat shows when it was last active');
    await page().keyboard.press('Enter');
    const chat = chatFrame(page());
    await chat.locator('article.message.user .message-body', { hasText: 'Compare these two files.' }).waitFor();
  });

  scenario('walkthrough-from-real-events', async () => {
    // A model loaded and chats were answered; now one of Hearth's completions is accepted.
    await page().getByRole('tab', { name: HELPER, exact: true }).click();
    await focusedEditor(page()).waitFor();
    await waitForEditorContributions(page());
    await goToEnd(page());
    await typeInEditor(page(), '\nexport const triple = ');
    await waitForGhostText(page(), /\S/, 60_000);
    await acceptGhostText(page());
    await page().locator('.tabs-container .tab.active.dirty').waitFor();
    await runCommand(page(), 'Welcome: Open Walkthrough...', { opensInput: true });
    await quickInput(page()).fill('Get started with Hearth');
    await page().locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with Hearth' }).first().waitFor();
    await page().keyboard.press('Enter');
    const step = (id: string) => page().locator(`button.getting-started-step[data-step-id$="#${id}"]`);
    await step('modelChosen').waitFor();
    assert.equal(await step('chooseModel').count(), 0, 'with a model running, the download is not pushed');
    const checked = async (id: string) => (await step(id).getAttribute('aria-checked')) === 'true';
    for (const id of ['modelChosen', 'modelReady', 'firstCompletion', 'openChat']) {
      await until(`the walkthrough to tick ${id}`, async () => ((await checked(id)) ? true : undefined), 10_000);
    }
    assert.equal(await checked('manageModels'), false, 'a step nothing did is not ticked');
    await page().keyboard.press('Control+W');
  });

  scenario('screenshots-dark-and-light', async () => {
    const chat = chatFrame(page());
    await chat.locator('article.message.assistant .code-block').first().waitFor();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const sidebar = page().locator('.part.sidebar');
    for (const [theme, name, bodyClass] of [['Dark Modern', 'chat-dark.png', 'vs-dark'], ['Light Modern', 'chat-light.png', 'vs']] as const) {
      await runCommand(page(), 'Preferences: Color Theme', { opensInput: true });
      await quickInput(page()).fill(theme);
      await page().locator('.quick-input-widget .monaco-list-row', { hasText: theme }).first().waitFor();
      await page().keyboard.press('Enter');
      await page().locator(`.monaco-workbench.${bodyClass}`).waitFor({ timeout: 30_000 });
      // The webview follows the theme with its body's class.
      await chat.locator(bodyClass === 'vs-dark' ? 'body.vscode-dark' : 'body.vscode-light').waitFor({ timeout: 30_000 });
      await sidebar.screenshot({ path: path.join(SCREENSHOTS, name) });
    }
  });
});
