// Starts a private code-server (VS Code in the browser) with one extension
// installed, for an end-to-end test, and stops it with all its processes.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killOnExit, killTree } from './processTree';
import { installFolderExtension, installVsix } from './extensions';
import { findOutputChannelLog, waitForOutputChannelText } from './vscodeLogs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** User settings that keep the workbench quiet and predictable under test. */
export const BASE_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.untitled.hint': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'remote.autoForwardPorts': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.accessibilitySupport': 'off',
  'editor.minimap.enabled': false,
  'editor.inlineSuggest.enabled': true,
  // With Chromium's EditContext input (the 1.100 default), keys sent by
  // Playwright edit the text but never trigger inline completions.
  'editor.editContext': false,
  // Typed text must land as typed, and no suggest widget may claim Tab.
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.parameterHints.enabled': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'files.autoSave': 'off',
};

export interface CodeServerOptions {
  /** Extension folder (with its package.json) to link in as publisher.name-version. */
  extension?: string;
  /** A .vsix file to install with `code-server --install-extension`. */
  vsix?: string;
  /** Extra user settings, e.g. `{ 'editor.fontSize': 16 }`. */
  settings?: Record<string, unknown>;
  /**
   * The machine's settings (Settings' "Remote" tab). code-server's window is a remote one: it takes settings
   * declared `machine` or `machine-overridable` only from here, and drops them from the user's settings as soon as
   * it knows their declaration, which may come before or after the extension host starts.
   */
  machineSettings?: Record<string, unknown>;
  /** Folder to open; a fresh temporary one by default. */
  workspace?: string;
  /** Files to write into the workspace before start: relative path -> content. */
  files?: Record<string, string>;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /** Keep the temporary folders after stop() (also: HEARTH_E2E_KEEP=1). */
  keep?: boolean;
}

export interface CodeServer {
  /** Page that opens the workspace folder. */
  url: string;
  port: number;
  /** The launcher process, leader of its own process group. */
  pid: number;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own stdout and stderr. */
  serverLog: string;
  /** VS Code's session logs: <userDataDir>/logs/<timestamp>/... */
  logsDir: string;
  /** The file an output channel is written to, once the extension host has created it. */
  outputChannelLog(name: string): string | undefined;
  /** Waits until the output channel's log matches `pattern`; returns its text. */
  waitForOutputChannel(name: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Copies the server log and VS Code's logs into `dest`, e.g. for a failed test. */
  collectLogs(dest: string): void;
  stop(): Promise<void>;
}

/** Path of the code-server launcher, installing it on first use. */
export function codeServerLauncher(): string {
  const fromEnv = process.env.HEARTH_CODE_SERVER;
  if (fromEnv) return fromEnv;
  const out = execFileSync('bash', [path.join(REPO_ROOT, 'scripts/setupCodeServer.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim().split('\n').pop()!;
}

interface ServerFolders {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  serverLog: string;
  configFile: string;
}

/** A fresh folder for one code-server: its user data with the settings, its extensions, the workspace's files. */
function prepareFolders(options: CodeServerOptions): ServerFolders {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-e2e-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const workspace = options.workspace ?? path.join(root, 'workspace');
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, workspace]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...options.settings }, null, 2),
  );
  if (options.machineSettings) {
    fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(options.machineSettings, null, 2));
  }
  for (const [file, content] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, file), content);
  }
  // Its own config file and XDG folders keep code-server out of the home folder.
  const configFile = path.join(root, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  return { root, userDataDir, extensionsDir, workspace, serverLog: path.join(root, 'code-server.log'), configFile };
}

async function spawnCodeServer(launcher: string, common: string[], folders: ServerFolders, env: NodeJS.ProcessEnv) {
  const child = spawn(
    launcher,
    [
      ...common,
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0', // code-server picks a free port and prints it
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      folders.workspace,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (child.pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once('error', resolve));
    fs.rmSync(folders.root, { recursive: true, force: true });
    throw new Error(`could not start ${launcher}: ${error.message}`);
  }
  return { child, pid: child.pid };
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const launcher = codeServerLauncher();
  const folders = prepareFolders(options);
  const { root, userDataDir, extensionsDir, serverLog, configFile } = folders;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    ...options.env,
  };
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (options.extension) installFolderExtension(options.extension, extensionsDir);
  if (options.vsix) installVsix(launcher, common, options.vsix, env);

  const { child, pid } = await spawnCodeServer(launcher, common, folders, env);
  const untrack = killOnExit(pid);
  const log = fs.createWriteStream(serverLog);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  const keep = options.keep || process.env.HEARTH_E2E_KEEP === '1';
  let stopped = false;
  const shutdown = async (removeFiles: boolean): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await killTree(pid);
    untrack();
    await new Promise<void>((resolve) => log.end(resolve));
    if (removeFiles) fs.rmSync(root, { recursive: true, force: true });
  };

  let port: number;
  try {
    port = await listeningPort(child, 60_000);
    await waitForHealth(port, 30_000);
  } catch (err) {
    await shutdown(false);
    const tail = fs.readFileSync(serverLog, 'utf8').slice(-2000);
    if (!keep) fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`code-server did not start: ${(err as Error).message}\n${tail}`, { cause: err });
  }
  return serverHandle(folders, port, pid, () => shutdown(!keep));
}

function serverHandle({ workspace, userDataDir, extensionsDir, serverLog }: ServerFolders, port: number, pid: number, stop: () => Promise<void>): CodeServer {
  const logsDir = path.join(userDataDir, 'logs');
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
    port,
    pid,
    workspace,
    userDataDir,
    extensionsDir,
    serverLog,
    logsDir,
    outputChannelLog: (name) => findOutputChannelLog(logsDir, name),
    waitForOutputChannel: (name, pattern, timeoutMs) => waitForOutputChannelText(logsDir, name, pattern, timeoutMs),
    collectLogs(dest) {
      fs.mkdirSync(dest, { recursive: true });
      if (fs.existsSync(serverLog)) fs.copyFileSync(serverLog, path.join(dest, 'code-server.log'));
      if (fs.existsSync(logsDir)) fs.cpSync(logsDir, path.join(dest, 'vscode-logs'), { recursive: true });
    },
    stop,
  };
}

/** Resolves with the port from code-server's "HTTP server listening on" line. */
function listeningPort(child: ReturnType<typeof spawn>, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => finish(new Error(`no "listening" line within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      seen = (seen + chunk.toString()).slice(-4096);
      const match = /HTTP server listening on https?:\/\/[^\s/]+:(\d+)/.exec(seen);
      if (match) finish(undefined, Number(match[1]));
    };
    const onExit = (code: number | null, sig: string | null): void =>
      finish(new Error(`code-server exited early (code ${code}, signal ${sig})`));
    const finish = (err?: Error, port?: number): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.removeListener('exit', onExit);
      if (err) reject(err);
      else resolve(port!);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Polls code-server's health endpoint until the HTTP server answers. */
async function waitForHealth(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
      lastError = new Error(`HTTP ${res.status}`);
    } catch (err) {
      lastError = err;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/healthz did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}
