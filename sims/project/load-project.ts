/**
 * Reads `syncsim.config.ts` from the project root when there is one. The file is TypeScript in
 * the user's project: the `syncsim` command loads it through tsx (whatever the project's module
 * format), vitest through vite.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProjectError } from './project-error.ts';
import { resolveProject, type Project } from './resolve-project.ts';

export const CONFIG_FILE = 'syncsim.config.ts';

export async function loadProject(
  root: string,
  importFile: (url: string) => Promise<unknown> = (url) => import(url),
): Promise<Project> {
  const file = join(root, CONFIG_FILE);
  if (!existsSync(file)) return resolveProject(root);
  let loaded: { default?: unknown };
  try {
    loaded = (await importFile(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new ProjectError(`${CONFIG_FILE}: ${firstLine(error)}`);
  }
  return resolveProject(root, defaultExport(loaded), CONFIG_FILE);
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/**
 * The config object. In a project without "type": "module" tsx loads the file as CommonJS, and
 * `export default` arrives wrapped once more ({ __esModule, default }).
 */
function defaultExport(loaded: { default?: unknown }): unknown {
  const value = loaded.default;
  if (typeof value === 'object' && value !== null && '__esModule' in value && 'default' in value)
    return (value as { default: unknown }).default;
  return value;
}
