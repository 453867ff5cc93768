import { readFileSync } from 'node:fs';

/** The installed syncsim's version: package.json sits two folders up in the sources, three in dist/. */
export function syncsimVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'syncsim' && pkg.version) return pkg.version;
    } catch {
      // not at this level: try the next one up
    }
  }
  throw new Error('syncsim: package.json not found next to the command');
}
