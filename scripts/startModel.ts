// Which model `npm start` gives Hearth. A model the user named or chose before is kept. Otherwise, where the
// model source (Hugging Face, or the mirror in hearth.model.huggingFaceEndpoint) can be reached, none is set, so
// Hearth's first-run flow offers the model recommended for this machine and downloads it with its progress; the
// generated demo model (random weights) stands in only offline or when asked for with HEARTH_MODEL=demo.
import * as path from 'node:path';

export const DEFAULT_ENDPOINT = 'https://huggingface.co';

export type StartModel =
  | { kind: 'file'; path: string }
  | { kind: 'firstRun'; endpoint: string }
  | { kind: 'demo'; why: string };

export interface StartModelInput {
  /** HEARTH_MODEL: a GGUF path, or "demo". */
  requested?: string;
  /** hearth.model.path in the demo's user settings, from an earlier start or the first-run flow. */
  configured?: unknown;
  /** hearth.model.huggingFaceEndpoint in the demo's user settings. */
  endpoint?: unknown;
  demoModel: string;
  reachable(url: string): Promise<boolean>;
}

export async function chooseStartModel(input: StartModelInput): Promise<StartModel> {
  if (input.requested === 'demo') return { kind: 'demo', why: 'HEARTH_MODEL=demo asked for it' };
  if (input.requested) return { kind: 'file', path: path.resolve(input.requested) };
  const { configured } = input;
  if (typeof configured === 'string' && configured !== '' && configured !== input.demoModel) return { kind: 'file', path: configured };
  const endpoint = typeof input.endpoint === 'string' && input.endpoint !== '' ? input.endpoint : DEFAULT_ENDPOINT;
  if (await input.reachable(endpoint)) return { kind: 'firstRun', endpoint };
  return { kind: 'demo', why: `${endpoint} cannot be reached` };
}

/** Whether `url` answers HTTP at all within `timeoutMs` (any status counts: the server is there). */
export async function reachable(url: string, timeoutMs = 5000): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
