// The chat panel in a real VS Code with the scripted model: a question about
// the selected code gets a known answer, its code block is inserted at the
// cursor and saved, and the conversation survives a window reload and an
// engine crash. Apply proposes a code block as a review over the code the
// question was about; Accept changes only that code, in one undo step. A
// reload while an answer streams keeps the question and what had arrived.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { activeTab, focusedEditor, openFile, runCommand, save, statusBarItem } from './browser';
import { chatFrame, openChat, sendChatMessage } from './chatView';
import { ensureModel } from '../model/cache';
import { hearthFixture } from './hearthFixture';
import { enginePids, SCRIPTED_CODE, scriptedModelSettings, until } from './hearthWorkspace';
import { acceptAndSave, expectReviewLines, finishedReview } from './reviewView';

const FILE = 'main.ts';
const ORIGINAL = 'export function add(a: number, b: number): number {\n    return a + b;\n}\n';
const READY = /^Hearth: ready, /;
const QUESTION = 'What does this function do?';
// The same line twice: Apply must replace the one the question was about.
const LISTS = 'lists.ts';
const LISTS_LINES = [
  'export function first(values: number[]): number {',
  '    return values[0];',
  '}',
  '',
  'export function last(values: number[]): number {',
  '    return values[0];',
  '}',
  '',
];
const LISTS_ORIGINAL = LISTS_LINES.join('\n');

/** The conversation as the panel shows it: one entry per message. */
async function transcript(chat: FrameLocator): Promise<Array<{ role: string; text: string }>> {
  const articles = chat.locator('#transcript article.message');
  const shown: Array<{ role: string; text: string }> = [];
  for (let i = 0; i < (await articles.count()); i++) {
    const article = articles.nth(i);
    const role = /\buser\b/.test((await article.getAttribute('class')) ?? '') ? 'user' : 'assistant';
    shown.push({ role, text: (await article.locator('.message-body').innerText()).trim() });
  }
  return shown;
}

describe('Hearth chat in VS Code', { timeout: 600_000 }, () => {
  const { server, page, scenario } = hearthFixture('hearth-chat', async () => ({ files: { [FILE]: ORIGINAL, [LISTS]: LISTS_ORIGINAL }, settings: await scriptedModelSettings() }));
  const onDisk = (file = FILE): string => fs.readFileSync(path.join(server().workspace, file), 'utf8');

  async function waitForAnswers(chat: FrameLocator, count: number): Promise<void> {
    await chat.locator('article.message.assistant.status-done').nth(count - 1).waitFor({ timeout: 120_000 });
  }

  scenario('ask-insert-reload', async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    await openFile(page(), FILE);
    // Select the whole function: the chat attaches it.
    await page().keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await page().keyboard.press('Shift+ArrowDown');
    const chat = await openChat(page());
    await chat.locator('#attachments .chip.selection', { hasText: `${FILE}:1-3` }).waitFor();

    await sendChatMessage(chat, QUESTION);
    await waitForAnswers(chat, 1);
    const answer = chat.locator('article.message.assistant').last();
    await answer.locator('.message-body', { hasText: 'Here is the code:' }).waitFor();
    const block = answer.locator('.code-block');
    assert.equal((await block.locator('pre code').innerText()).trim(), SCRIPTED_CODE);
    // What the user asked went with the selection attached.
    await chat.locator('article.message.user .message-attachments', { hasText: FILE }).waitFor();

    // Put the cursor at the end of the file, then insert the block there.
    await page().locator('.editor-instance .monaco-editor .view-lines').click();
    await focusedEditor(page()).waitFor();
    await page().keyboard.press('Control+End');
    await block.getByRole('button', { name: 'Insert the code at the cursor' }).click();
    await page().locator('.tabs-container .tab.active.dirty').waitFor();
    await focusedEditor(page()).waitFor();
    await save(page());
    const saved = onDisk();
    assert.ok(saved.startsWith(ORIGINAL), `the original code changed:\n${saved}`);
    assert.equal(saved.slice(ORIGINAL.length).trim(), SCRIPTED_CODE);

    const conversation = await transcript(chat);
    assert.deepEqual(conversation.map((m) => m.role), ['user', 'assistant']);

    // A window reload brings the same conversation back.
    await page().reload();
    // The side bar now shows the chat, not the explorer: wait for the restored editor instead.
    await activeTab(page(), FILE).waitFor({ timeout: 60_000 });
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    const restored = chatFrame(page());
    if (!(await restored.locator('#transcript').isVisible().catch(() => false))) await openChat(page());
    await waitForAnswers(restored, 1);
    assert.deepEqual(await transcript(restored), conversation);

    // So does an engine crash; and the conversation goes on afterwards.
    const [engine] = enginePids(server());
    assert.ok(engine, 'no engine process');
    process.kill(engine, 'SIGKILL');
    await until('a new engine process', () => enginePids(server()).find((pid) => pid !== engine));
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    assert.deepEqual(await transcript(restored), conversation);
    await sendChatMessage(restored, 'And in one sentence?');
    await waitForAnswers(restored, 2);
    const after = await transcript(restored);
    assert.deepEqual(after.slice(0, 2), conversation);
    assert.deepEqual(after.slice(2).map((m) => m.role), ['user', 'assistant']);
    assert.match(after[3].text, /export const answer = 42;/);
  });

  scenario('apply-review-accept-undo', async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    // In a new chat, ask about the code of line 6, the second of two identical lines.
    await page().locator('.editor-instance .monaco-editor .view-lines').click();
    await openFile(page(), LISTS);
    await page().keyboard.press('Control+G');
    await page().keyboard.type('6');
    await page().keyboard.press('Enter');
    await focusedEditor(page()).waitFor();
    await page().keyboard.press('End');
    await page().keyboard.press('Shift+Home');
    await runCommand(page(), 'Hearth: New Chat');
    const chat = chatFrame(page());
    await chat.locator('#attachments .chip.selection', { hasText: `${LISTS}:6` }).waitFor();
    await sendChatMessage(chat, 'Why does this return the first value?');
    await waitForAnswers(chat, 1);
    const block = chat.locator('article.message.assistant').last().locator('.code-block');

    // The editor's selection moves away: the question's code still decides what Apply replaces.
    await page().locator('.editor-instance .monaco-editor .view-lines').click();
    await focusedEditor(page()).waitFor();
    await page().keyboard.press('Control+Home');
    await block.getByRole('button', { name: 'Apply the code to the file, after a diff' }).click();

    // Reviewed in the file at its real lines: line 6 struck through, the code after it, line 2 as it was.
    const review = await finishedReview(page(), LISTS);
    await expectReviewLines(review, [
      ...LISTS_LINES.slice(0, 5).map((line, i) => `${i + 1}|${line}`),
      `6 −~|${LISTS_LINES[5]}`,
      `+|    ${SCRIPTED_CODE}`,
      ...LISTS_LINES.slice(6).map((line, i) => `${i + 7}|${line}`),
    ]);
    await acceptAndSave(page(), LISTS);
    // Only line 6 changed, re-indented like the line it replaced; every other byte is as it was.
    const expected = [...LISTS_LINES.slice(0, 5), `    ${SCRIPTED_CODE}`, ...LISTS_LINES.slice(6)].join('\n');
    assert.equal(onDisk(LISTS), expected);

    // One undo step takes the whole change back.
    await page().keyboard.press('Control+Z');
    await save(page());
    assert.equal(onDisk(LISTS), LISTS_ORIGINAL);
  });
});

// A scripted answer of a thousand words that a larger model writes slowly:
// the reload comes while it streams, whatever the machine's speed.
const LONG_ANSWER = Array.from({ length: 1000 }, (_, i) => ` w${String(i + 1).padStart(4, '0')}`);
const LONG_QUESTION = 'Count for me, slowly.';

describe('Hearth chat across a reload mid-answer', { timeout: 600_000 }, () => {
  const { server, page, scenario } = hearthFixture('hearth-chat-reload', async () => ({
    files: { [FILE]: ORIGINAL },
    settings: {
      'hearth.model.path': await ensureModel({ preset: 'tiny', hidden: 1024, heads: 16, kvHeads: 2, ffn: 2816, layers: 12, script: LONG_ANSWER }),
      'hearth.chat.maxTokens': 2048,
    },
  }));

  scenario('reload-mid-answer', async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 180_000 });
    // The engine runs in Hearth's own storage folder, not in the workspace.
    const [engine] = enginePids(server());
    const cwd = fs.realpathSync(`/proc/${engine}/cwd`);
    assert.ok(!cwd.startsWith(fs.realpathSync(server().workspace)) && cwd.endsWith(path.join('globalStorage', 'hearth.hearth')), `the engine runs in ${cwd}`);
    await openFile(page(), FILE);
    const chat = await openChat(page());
    await sendChatMessage(chat, LONG_QUESTION);
    const streaming = chat.locator('article.message.assistant.status-streaming .message-body');
    const before = await until('the first words of the answer', async () => {
      const text = (await streaming.innerText().catch(() => '')).trim();
      return text.split(/\s+/).length >= 5 ? text : undefined;
    });

    await page().reload();
    await activeTab(page(), FILE).waitFor({ timeout: 60_000 });
    await statusBarItem(page(), READY).waitFor({ timeout: 180_000 });
    const restored = chatFrame(page());
    if (!(await restored.locator('#transcript').isVisible().catch(() => false))) await openChat(page());
    await restored.locator('article.message.assistant.status-interrupted').waitFor({ timeout: 60_000 });
    const [question, answer, ...more] = await transcript(restored);
    assert.deepEqual(more, [], 'one question and its answer');
    assert.deepEqual(question, { role: 'user', text: LONG_QUESTION });
    // Every word that had arrived is there, and nothing but the answer's own words, in order.
    assert.equal(answer.role, 'assistant');
    assert.ok(answer.text.startsWith(before), `the answer lost words it had shown:\nbefore: ${before}\nafter:  ${answer.text}`);
    assert.ok(LONG_ANSWER.join('').trim().startsWith(answer.text), `not the scripted answer: ${answer.text}`);
  });
});
