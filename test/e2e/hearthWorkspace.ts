// Hearth itself in code-server: this checkout linked as the extension, a
// generated model, and helpers to find its engine process and read its status.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ensureModel } from '../model/cache';
import { startCodeServer, type CodeServer } from './codeServer';
import { processTree } from './processTree';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ENGINE_SCRIPT = path.join(REPO_ROOT, 'dist', 'engine.js');
export const LOG_CHANNEL = 'Hearth';

/** Hearth's test settings with `extra` on top; a key set to undefined is left out (e.g. no model configured). */
export async function hearthSettings(extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const settings: Record<string, unknown> = {
    'hearth.model.path': await ensureModel('tiny'),
    'hearth.model.threads': 1,
    'hearth.model.contextSize': 2048,
    'hearth.model.gpuLayers': 0,
    'hearth.completion.maxTokens': 8,
    ...extra,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** Scopes whose settings a remote window such as code-server's takes from the machine's settings only. */
const machineScopes = new Set(['machine', 'machine-overridable']);

/** Hearth's settings split by where code-server's window reads them: the user's or the machine's settings. */
export function settingsByLayer(settings: Record<string, unknown>): { user: Record<string, unknown>; machine: Record<string, unknown> } {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string }> } | Array<{ properties: Record<string, { scope?: string }> }> };
  };
  const sections = ([] as Array<{ properties: Record<string, { scope?: string }> }>).concat(manifest.contributes.configuration);
  const scopeOf = (key: string) => sections.find((section) => key in section.properties)?.properties[key].scope;
  const entries = Object.entries(settings);
  const onMachine = ([key]: [string, unknown]) => machineScopes.has(scopeOf(key) ?? 'window');
  return { user: Object.fromEntries(entries.filter((entry) => !onMachine(entry))), machine: Object.fromEntries(entries.filter(onMachine)) };
}

/**
 * The answer of the scripted model: every chat answer, completion and
 * refactor proposal is exactly this text, produced by real inference.
 */
export const SCRIPTED_ANSWER = ['Here is the code:', '\n\n```ts\n', 'export const answer = 42;', '\n```\n'];
export const SCRIPTED_CODE = 'export const answer = 42;';

/** Settings for a workspace whose model is the scripted one. */
export async function scriptedModelSettings(): Promise<Record<string, unknown>> {
  return { 'hearth.model.path': await ensureModel({ preset: 'tiny', script: SCRIPTED_ANSWER }) };
}

/** Set to a .vsix to run the scenarios against the packaged extension instead of this checkout. */
const VSIX = process.env.HEARTH_E2E_VSIX;

/** `env` reaches code-server, the extension host and so the engine. */
export async function startHearth(files: Record<string, string>, settings: Record<string, unknown> = {}, env: Record<string, string> = {}): Promise<CodeServer> {
  const { user, machine } = settingsByLayer(await hearthSettings(settings));
  if (VSIX) {
    if (!fs.existsSync(VSIX)) throw new Error(`HEARTH_E2E_VSIX=${VSIX} does not exist: run npm run package`);
    return startCodeServer({ vsix: path.resolve(VSIX), files, settings: user, machineSettings: machine, env });
  }
  for (const built of ['extension.js', 'engine.js']) {
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', built))) throw new Error(`dist/${built} is missing: run npm run build`);
  }
  return startCodeServer({ extension: REPO_ROOT, files, settings: user, machineSettings: machine, env });
}

/** Pids of the engine processes (node running dist/engine.js) under code-server. */
export function enginePids(server: CodeServer): number[] {
  return processTree(server.pid).filter((pid) => {
    try {
      // The extension is linked into code-server's extensions folder: compare real paths.
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      // An installed VSIX runs its own copy of the engine.
      return args.some((arg) => arg.endsWith('engine.js') && (VSIX ? /hearth.*[\\/]dist[\\/]engine\.js$/.test(arg) : fs.realpathSync(arg) === ENGINE_SCRIPT));
    } catch {
      return false;
    }
  });
}

export { until } from '../support/until';

/**
 * Records, in the page, every accessible label the Hearth status bar item
 * takes from now on, so a state shown only briefly is not missed.
 */
export async function recordStatusLabels(page: Page): Promise<() => Promise<string[]>> {
  // A string, not a function: the bundler would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const seen = (window.hearthStatusLabels = []);
    const record = () => {
      for (const el of document.querySelectorAll('.part.statusbar .statusbar-item [aria-label], .part.statusbar .statusbar-item[aria-label]')) {
        const label = el.getAttribute('aria-label') ?? '';
        if (label.startsWith('Hearth') && seen[seen.length - 1] !== label) seen.push(label);
      }
    };
    record();
    new MutationObserver(record).observe(document.querySelector('.part.statusbar'), { subtree: true, childList: true, attributes: true, characterData: true });
  })()`);
  return () => page.evaluate<string[]>('window.hearthStatusLabels.slice()');
}
