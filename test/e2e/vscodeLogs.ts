// Where VS Code (as served by code-server) writes its logs:
//
//   <user-data-dir>/logs/<session>/remoteagent.log                 the server
//   <user-data-dir>/logs/<session>/exthost<N>/remoteexthost.log    extension host (activation errors)
//   <user-data-dir>/logs/<session>/exthost<N>/output_logging_<time>/<i>-<Name>.log
//       an output channel from createOutputChannel(Name)
//   <user-data-dir>/logs/<session>/exthost<N>/<publisher.name>/<Name>.log
//       a log channel from createOutputChannel(Name, { log: true })
//
// <session> is a timestamp per server start; exthost<N> counts extension host
// restarts (a page reload starts a new one).
import * as fs from 'node:fs';
import * as path from 'node:path';

function walk(dir: string, found: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

function isChannelFile(file: string, name: string): boolean {
  const base = path.basename(file);
  const parent = path.basename(path.dirname(file));
  if (parent.startsWith('output_logging_')) return base.replace(/^\d+-/, '') === `${name}.log`;
  return base === `${name}.log`;
}

/** The newest log file of the output channel `name`, if it was written yet. */
export function findOutputChannelLog(logsDir: string, name: string): string | undefined {
  const matches = walk(logsDir).filter((file) => isChannelFile(file, name));
  matches.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return matches[0];
}

/** The newest extension host log (activation errors and uncaught exceptions). */
export function findExtensionHostLog(logsDir: string): string | undefined {
  return findOutputChannelLog(logsDir, 'remoteexthost');
}

/**
 * Waits until the output channel `name` has been written and its log matches
 * `pattern` (channels are flushed to disk asynchronously); returns the text.
 */
export async function waitForOutputChannelText(
  logsDir: string,
  name: string,
  pattern: RegExp,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const file = findOutputChannelLog(logsDir, name);
    const text = file ? fs.readFileSync(file, 'utf8') : '';
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) {
      throw new Error(`output channel "${name}" did not match ${pattern} within ${timeoutMs} ms; it holds:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The last `lines` lines (those `keep` accepts) of every log of the output channel `name`, oldest extension
 * host first, each headed by its path.
 */
export function channelLogTails(logsDir: string, name: string, lines = 12, keep: (line: string) => boolean = () => true): string {
  const files = walk(logsDir).filter((file) => isChannelFile(file, name)).sort();
  return files
    .map((file) => {
      const kept = fs.readFileSync(file, 'utf8').trimEnd().split('\n').filter(keep);
      const tail = kept.slice(-lines).map((line) => line.slice(0, 300));
      return tail.length > 0 ? [`--- ${path.relative(logsDir, file)}`, ...tail].join('\n') : '';
    })
    .filter(Boolean)
    .join('\n');
}
