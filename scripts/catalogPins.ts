// Checks the catalog's pins against the server the models download from: each pinned file must be there, at its
// commit, with the size and SHA-256 Hearth ships. Run it before changing a pin, and from time to time:
//
//   npm run catalog:check                       # against huggingface.co
//   npm run catalog:check -- https://mirror     # against a mirror (hearth.model.huggingFaceEndpoint)
import { catalog, type CatalogModel } from '../engine/models/catalog';
import { refuseOtherFile } from '../engine/models/modelDownloads';
import { hostOf, parseModelUri } from '../engine/models/modelUri';
import { preflight } from '../engine/models/preflight';
import { defaultHuggingFaceEndpoint } from '../engine/settings';

export interface PinCheck {
  id: string;
  /** What is wrong with the pin on that server; undefined when the server announces exactly the pinned file. */
  problem?: string;
}

export async function checkPins(endpoint: string, models: readonly CatalogModel[] = catalog, signal = new AbortController().signal): Promise<PinCheck[]> {
  const checks: PinCheck[] = [];
  for (const model of models) {
    const uri = parseModelUri(model.uri)!;
    const context = { host: hostOf(uri, endpoint), uri: model.uri, directory: '' };
    try {
      const remote = await preflight(uri, endpoint, context, signal);
      refuseOtherFile(model, remote, context);
      const unannounced = [remote.sha256 ? undefined : 'SHA-256', remote.bytes ? undefined : 'size'].filter(Boolean);
      checks.push({ id: model.id, ...(unannounced.length > 0 ? { problem: `${context.host} announces no ${unannounced.join(' and ')} for ${model.uri}, so the pin cannot be checked there` } : {}) });
    } catch (error) {
      checks.push({ id: model.id, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  return checks;
}

async function main(): Promise<void> {
  const endpoint = process.argv[2] ?? defaultHuggingFaceEndpoint;
  const checks = await checkPins(endpoint);
  for (const check of checks) console.log(`${check.problem ? 'FAIL' : 'ok  '} ${check.id}${check.problem ? `: ${check.problem}` : ''}`);
  const failed = checks.filter((c) => c.problem).length;
  console.log(failed === 0 ? `all ${checks.length} pins match ${endpoint}` : `${failed} of ${checks.length} pins do not match ${endpoint}`);
  process.exitCode = failed === 0 ? 0 : 1;
}

if (require.main === module) void main();
