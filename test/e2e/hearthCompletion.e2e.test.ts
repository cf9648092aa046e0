// Hearth in a real VS Code (code-server) with a generated model: the status
// bar reaches ready, ghost text from the engine is accepted with Tab and saved,
// the engine survives being killed, and the chat streams an answer and stops.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe } from 'node:test';
import {
  acceptGhostText,
  goToEnd,
  openFile,
  save,
  statusBarItem,
  typeInEditor,
  waitForGhostText,
} from './browser';
import { openChat, sendChatMessage } from './chatView';
import { hearthFixture } from './hearthFixture';
import { enginePids, recordStatusLabels, until } from './hearthWorkspace';

const FILE = 'main.ts';
const ORIGINAL = 'export function add(a: number, b: number): number {\n    return a + b;\n}\n';
const READY = /^Hearth: ready, /;

describe('Hearth in VS Code', { timeout: 600_000 }, () => {
  const { server, page, scenario } = hearthFixture('hearth', async () => ({ files: { [FILE]: ORIGINAL }, settings: { 'hearth.chat.maxTokens': 8192 } }));
  const onDisk = (): string => fs.readFileSync(path.join(server().workspace, FILE), 'utf8');

  /** Types `text` at the end of the file, waits for ghost text, accepts it with Tab; returns the ghost text. */
  async function completeAtEnd(text: string): Promise<string> {
    await goToEnd(page());
    await typeInEditor(page(), text);
    const ghost = await waitForGhostText(page(), /\S/, 60_000);
    await acceptGhostText(page());
    await page().locator('.tabs-container .tab.active.dirty').waitFor();
    return ghost;
  }

  scenario('completion', async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    await openFile(page(), FILE);
    const typed = '\nconst total = ';
    const ghost = await completeAtEnd(typed);
    await save(page());
    const saved = onDisk();
    assert.ok(saved.startsWith(ORIGINAL + typed), `saved file:\n${saved}`);
    const inserted = saved.slice((ORIGINAL + typed).length);
    assert.ok(inserted.trim().length > 0, `nothing was inserted; ghost text was ${JSON.stringify(ghost)}`);
    assert.ok(inserted.includes(ghost.split('\n')[0].trim()), `inserted ${JSON.stringify(inserted)}, ghost ${JSON.stringify(ghost)}`);
    // The engine's log reaches the Hearth log over window/logMessage, each line at its own level.
    const log = await server().waitForOutputChannel('Hearth', /\[info\] loaded \S+\.gguf in /);
    assert.doesNotMatch(log, /\[\d\d:\d\d:\d\d\.\d{3}\] (error|warn|info|debug) /, 'no engine log line came through stderr');
  });

  scenario('engine-killed', async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    const [engine] = await until('the engine process', () => {
      const pids = enginePids(server());
      return pids.length === 1 ? pids : undefined;
    });
    // An unsaved edit the crash must not lose.
    const unsaved = '\n// kept across the restart';
    await goToEnd(page());
    await typeInEditor(page(), unsaved);
    await page().locator('.tabs-container .tab.active.dirty').waitFor();
    const beforeKill = onDisk();

    const labels = await recordStatusLabels(page());
    process.kill(engine, 'SIGKILL');
    const restarted = await until('a new engine process', () => {
      const pids = enginePids(server()).filter((pid) => pid !== engine);
      return pids.length > 0 ? pids[0] : undefined;
    });
    // The item still says ready until the extension notices the crash: wait for it to leave ready, then return.
    const restarting = /^Hearth: (the engine stopped and is restarting|starting|loading)/;
    let shown: string[] = [];
    await until('the status bar to show the restart', async () => {
      shown = await labels();
      return shown.some((label) => restarting.test(label)) ? true : undefined;
    }, 30_000).catch((err: Error) => {
      throw new Error(`${err.message}; labels seen: ${JSON.stringify(shown)}`);
    });
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    assert.match((await labels()).at(-1)!, READY);
    assert.notEqual(restarted, engine);
    assert.equal(onDisk(), beforeKill, 'the file changed on disk without a save');

    const typed = '\nconst again = ';
    await completeAtEnd(typed);
    await save(page());
    const saved = onDisk();
    assert.ok(saved.startsWith(beforeKill + unsaved + typed), `saved file:\n${saved}`);
    assert.ok(saved.length > (beforeKill + unsaved + typed).length, 'no completion was inserted after the restart');
  });

  scenario('chat', async () => {
    await statusBarItem(page(), READY).waitFor({ timeout: 120_000 });
    const chat = await openChat(page());
    await sendChatMessage(chat, 'Write a long story about a fireplace.');

    const user = chat.locator('article.message.user');
    await user.filter({ hasText: 'a long story about a fireplace' }).waitFor();
    const answer = chat.locator('article.message.assistant').last();
    const body = answer.locator('.message-body');
    await chat.locator('button#stop').waitFor();
    // Streamed: text shows, then grows, while the answer is still going.
    const first = await body.filter({ hasText: /\S/ }).innerText({ timeout: 60_000 });
    for (const deadline = Date.now() + 30_000; (await body.innerText()).length <= first.length; ) {
      assert.ok(Date.now() < deadline, `the answer did not grow past ${JSON.stringify(first)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match((await answer.getAttribute('class')) ?? '', /status-streaming/, 'the answer finished before Stop');
    await chat.locator('button#stop').click();
    await answer.and(chat.locator('.status-stopped')).waitFor();
    await chat.locator('button#stop').waitFor({ state: 'hidden' });
    await answer.locator('.message-status', { hasText: 'Stopped.' }).waitFor();
  });
});

