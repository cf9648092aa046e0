// Puts an extension into a code-server extensions folder, either an unpacked
// extension folder or a packaged .vsix.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  publisher: string;
  name: string;
  version: string;
}

export function readManifest(folder: string): Manifest {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as Partial<Manifest>;
  const { publisher, name, version } = manifest;
  if (!publisher || !name || !version) {
    throw new Error(`${folder}/package.json needs "publisher", "name" and "version"`);
  }
  return { publisher, name, version };
}

/** The extension id, `publisher.name`, as VS Code spells it in lower case. */
export function extensionId(folder: string): string {
  const { publisher, name } = readManifest(folder);
  return `${publisher}.${name}`.toLowerCase();
}

/**
 * Links `folder` into `extensionsDir` as `publisher.name-version`, the layout
 * VS Code scans at startup. A link, not a copy: the folder may hold a large
 * node_modules.
 */
export function installFolderExtension(folder: string, extensionsDir: string): string {
  const { version } = readManifest(folder);
  const target = path.join(extensionsDir, `${extensionId(folder)}-${version}`);
  fs.symlinkSync(path.resolve(folder), target, 'dir');
  return target;
}

/** Installs a .vsix with code-server's own command line. */
export function installVsix(launcher: string, commonArgs: string[], vsix: string, env: NodeJS.ProcessEnv): void {
  try {
    execFileSync(launcher, [...commonArgs, '--force', '--install-extension', path.resolve(vsix)], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`installing ${vsix} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: err });
  }
}
