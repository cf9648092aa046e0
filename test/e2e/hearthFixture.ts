// The frame of a Hearth end-to-end suite: code-server with Hearth and the given workspace, one browser page
// for all its scenarios, both stopped afterwards, and scenarios that keep screenshots and logs when they fail.
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { captureOnFailure } from './artifacts';
import { openWorkbench, type Workbench } from './browser';
import type { CodeServer } from './codeServer';
import { startHearth } from './hearthWorkspace';

export interface HearthFixture {
  server: () => CodeServer;
  page: () => Page;
  /** A test whose failure saves artifacts under test-results/<prefix>-<name>; `skip` says why it does not run. */
  scenario: (name: string, body: () => Promise<void>, options?: { skip?: string }) => void;
}

/** Call inside `describe`: registers the hooks that start and stop Hearth in code-server. */
export function hearthFixture(
  prefix: string,
  workspace: () => Promise<{ files: Record<string, string>; settings?: Record<string, unknown> }>,
): HearthFixture {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;

  before(async () => {
    const { files, settings } = await workspace();
    server = await startHearth(files, settings);
    workbench = await openWorkbench(server.url);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
  });

  return {
    server: () => server!,
    page: () => workbench!.page,
    scenario: (name, body, options = {}) => {
      test(name, { skip: options.skip }, () => captureOnFailure(`${prefix}-${name}`, () => ({ page: workbench?.page, server }), body));
    },
  };
}
