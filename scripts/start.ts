// `npm start`: Hearth from this checkout in code-server (VS Code in the
// browser) on a demo workspace, until Ctrl+C.
//
//   PORT=9000 npm start                 # default 8080, always on 127.0.0.1
//   HEARTH_MODEL=/models/x.gguf npm start
//   HEARTH_MODEL=demo npm start         # the generated demo model, no download
//
// Without HEARTH_MODEL, a model already set in the demo's user settings is
// kept. Otherwise, when Hugging Face (or the mirror the settings name) can be
// reached, no model is set: Hearth offers the one recommended for this machine
// and downloads it. Offline, a small generated model (random weights: its
// completions are gibberish) is used, and the start says so.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeModel } from '../test/model/makeModel';
import { resolveOptions } from '../test/model/presets';
import { BASE_SETTINGS, codeServerLauncher } from '../test/e2e/codeServer';
import { installFolderExtension, readManifest, extensionId } from '../test/e2e/extensions';
import { killTree, killTreeNow } from '../test/e2e/processTree';
import { chooseStartModel, reachable, type StartModel } from './startModel';

const ROOT = path.resolve(__dirname, '..');
const DEMO = path.join(ROOT, '.cache', 'demo');
const USER_DATA = path.join(DEMO, 'user-data');
const EXTENSIONS = path.join(DEMO, 'extensions');
const WORKSPACE = path.join(DEMO, 'workspace');
const SETTINGS = path.join(USER_DATA, 'User', 'settings.json');
const DEMO_MODEL = path.join(DEMO, 'demo-model.gguf');
const PORT = Number(process.env.PORT ?? 8080);

const DEMO_FILES: Record<string, string> = {
  'README.md': '# Hearth demo\n\nOpen `src/shapes.ts` and type: ghost text appears, Tab accepts it.\nThe flame in the status bar shows the engine; the Hearth icon in the activity bar opens the chat.\n',
  'src/shapes.ts': [
    'export interface Point {\n    x: number;\n    y: number;\n}\n',
    'export function distance(a: Point, b: Point): number {\n    return Math.hypot(a.x - b.x, a.y - b.y);\n}\n',
    'export function perimeter(points: Point[]): number {\n    ',
  ].join('\n'),
  'src/fizzbuzz.py': 'def fizzbuzz(n: int) -> str:\n    """Fizz for multiples of 3, Buzz for 5, FizzBuzz for both."""\n',
};

function say(message: string): void {
  console.log(`[hearth] ${message}`);
}

function readSettings(): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(SETTINGS, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function ensureDemoModel(): Promise<void> {
  if (fs.existsSync(DEMO_MODEL)) return;
  say('generating the demo model (random weights)…');
  fs.mkdirSync(DEMO, { recursive: true });
  const partial = `${DEMO_MODEL}.partial`;
  await writeModel(partial, resolveOptions('tiny'));
  fs.renameSync(partial, DEMO_MODEL);
}

/** Short answers suit the demo model's gibberish; they go with it. */
const DEMO_SETTINGS: Record<string, unknown> = { 'hearth.completion.maxTokens': 16, 'hearth.chat.maxTokens': 256 };

/** Hearth's settings for this start: the chosen model, or none so that the first-run flow offers one. */
function modelSettings(previous: Record<string, unknown>, model: StartModel): Record<string, unknown> {
  const rest = Object.fromEntries(
    Object.entries(previous).filter(([key, value]) => key !== 'hearth.model.path' && !(previous['hearth.model.path'] === DEMO_MODEL && DEMO_SETTINGS[key] === value)),
  );
  if (model.kind === 'firstRun') return rest;
  if (model.kind === 'file') return { ...rest, 'hearth.model.path': model.path };
  return { ...rest, 'hearth.model.path': DEMO_MODEL, ...DEMO_SETTINGS };
}

function describeModel(model: StartModel): string {
  switch (model.kind) {
    case 'file':
      return model.path;
    case 'firstRun':
      return `none yet: Hearth offers the model recommended for this machine and downloads it from ${model.endpoint}`;
    case 'demo':
      return `the generated demo model (random weights: gibberish completions), because ${model.why}`;
  }
}

function linkExtension(): void {
  // Relink every start: the version in package.json may have changed.
  fs.mkdirSync(EXTENSIONS, { recursive: true });
  const id = extensionId(ROOT);
  for (const entry of fs.readdirSync(EXTENSIONS)) {
    if (entry.startsWith(`${id}-`)) fs.rmSync(path.join(EXTENSIONS, entry), { recursive: true, force: true });
  }
  fs.rmSync(path.join(EXTENSIONS, 'extensions.json'), { force: true });
  installFolderExtension(ROOT, EXTENSIONS);
}

/** Writes the settings (with the model chosen) and the demo files; answers the model. */
async function prepareWorkspace(): Promise<StartModel> {
  const previous = readSettings();
  say('looking for a model…');
  const model = await chooseStartModel({
    requested: process.env.HEARTH_MODEL,
    configured: previous['hearth.model.path'],
    endpoint: previous['hearth.model.huggingFaceEndpoint'],
    demoModel: DEMO_MODEL,
    reachable: (url) => reachable(url),
  });
  if (model.kind === 'demo') await ensureDemoModel();
  const settings = { ...BASE_SETTINGS, 'workbench.startupEditor': 'readme', ...modelSettings(previous, model) };
  fs.mkdirSync(path.dirname(SETTINGS), { recursive: true });
  fs.writeFileSync(SETTINGS, JSON.stringify(settings, null, 2));
  for (const [file, content] of Object.entries(DEMO_FILES)) {
    const target = path.join(WORKSPACE, file);
    if (fs.existsSync(target)) continue; // keep the user's edits
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return model;
}

async function main(): Promise<void> {
  say('checking code-server (the first run installs it)…');
  const launcher = codeServerLauncher();
  say('building the extension…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const model = await prepareWorkspace();
  linkExtension();
  serve(launcher, model);
}

/** Runs code-server until Ctrl+C, announcing its address once it listens. */
function serve(launcher: string, model: StartModel): void {
  const config = path.join(DEMO, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const child = spawn(
    launcher,
    [
      '--config', config,
      '--user-data-dir', USER_DATA,
      '--extensions-dir', EXTENSIONS,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${PORT}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      WORKSPACE,
    ],
    {
      env: { ...process.env, XDG_CONFIG_HOME: path.join(DEMO, 'xdg-config'), XDG_DATA_HOME: path.join(DEMO, 'xdg-data') },
      detached: true, // its own process group, so stopping it reaches every process it started
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (child.pid === undefined) throw new Error(`could not start ${launcher}`);
  const pid = child.pid;
  process.on('exit', () => killTreeNow(pid)); // last resort if this process ends another way
  const serverLog = fs.createWriteStream(path.join(DEMO, 'code-server.log'));
  child.stderr.pipe(serverLog);

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say('stopping code-server and everything it started…');
    await killTree(pid);
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void stop(0));
  child.on('exit', (code, signal) => {
    if (stopping) return;
    say(`code-server exited (code ${code}, signal ${signal}); its log: ${path.join(DEMO, 'code-server.log')}`);
    void stop(1);
  });

  let announced = false;
  child.stdout.on('data', (chunk: Buffer) => {
    serverLog.write(chunk);
    if (announced || !/HTTP server listening on/.test(chunk.toString())) return;
    announced = true;
    const { version } = readManifest(ROOT);
    const url = `http://127.0.0.1:${PORT}/?folder=${encodeURIComponent(WORKSPACE)}`;
    console.log(`\n  Hearth ${version} is running in VS Code at:\n\n    ${url}\n`);
    console.log(`  model: ${describeModel(model)}`);
    console.log(`  logs:  ${path.join(DEMO, 'code-server.log')}, ${path.join(USER_DATA, 'logs')}`);
    console.log('  Press Ctrl+C to stop.\n');
  });
}

main().catch((err: Error) => {
  console.error(`[hearth] ${err.message}`);
  process.exit(1);
});
