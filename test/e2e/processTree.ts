// Finds and ends a process together with everything it started, including
// children that left its process group (terminals, detached helpers).
import * as fs from 'node:fs';

/** Fields of /proc/PID/stat after the command name: [state, ppid, ...]. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields resume after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // exited meanwhile
  }
}

/** The process and all its descendants that are alive now, root first. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const fields = statFields(pid);
    if (fields === undefined) continue;
    const ppid = Number(fields[1]);
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (pid === root && !isAlive(root)) continue;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export function isAlive(pid: number): boolean {
  // A zombie still has an entry; it is gone for our purposes.
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

function signal(pids: number[], groupLeader: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-groupLeader, sig);
  } catch {
    // the group is already empty
  }
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

/**
 * Ends `root` (started with `detached: true`, so it leads its own process
 * group) and all its descendants: SIGTERM first, SIGKILL after `graceMs`.
 */
export async function killTree(root: number, graceMs = 5000): Promise<void> {
  // Snapshot before signalling: once the parent dies, orphans are re-parented
  // and can no longer be found from it.
  const pids = processTree(root);
  signal(pids, root, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (pids.some(isAlive) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const left = pids.filter(isAlive);
  if (left.length > 0) signal(left, root, 'SIGKILL');
}

/** Synchronous last resort for process exit handlers. */
export function killTreeNow(root: number): void {
  signal(processTree(root), root, 'SIGKILL');
}

const tracked = new Set<number>();
let handlersInstalled = false;

function killTracked(): void {
  for (const pid of tracked) killTreeNow(pid);
  tracked.clear();
}

/**
 * Kills the tree of `pid` if this process ends first, also on Ctrl+C or
 * SIGTERM: the tree runs in its own process group, so those signals would not
 * reach it. Returns a function that stops tracking it.
 */
export function killOnExit(pid: number): () => void {
  tracked.add(pid);
  if (!handlersInstalled) {
    handlersInstalled = true;
    process.once('exit', killTracked);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(sig, () => {
        killTracked();
        process.kill(process.pid, sig); // our handler is gone: the default action ends us
      });
    }
  }
  return () => tracked.delete(pid);
}
