// The Hearth chat panel inside the workbench: its webview's inner frame and
// the parts of it the scenarios use.
import type { FrameLocator, Page } from 'playwright-core';
import { runCommand } from './browser';

/** The chat webview's document (VS Code nests the extension's page in a second iframe). */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview[src*="extensionId=hearth.hearth"]').frameLocator('iframe#active-frame');
}

/** Opens the panel with "Hearth: Open Chat" and waits until its script has rendered the transcript. */
export async function openChat(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'Hearth: Open Chat');
  const chat = chatFrame(page);
  await chat.locator('#transcript > *').first().waitFor();
  return chat;
}

/** Types a message into the panel and sends it with Enter. */
export async function sendChatMessage(chat: FrameLocator, text: string): Promise<void> {
  const input = chat.locator('textarea#input');
  await input.fill(text);
  await input.press('Enter');
}
