/**
 * The project syncsim works on, from its root and its config (if any): absolute scenario roots,
 * migrations folder and Postgres choice. Pure: loading the config file is load-project.ts.
 */
import { isAbsolute, resolve } from 'node:path';
import { ProjectError } from './project-error.ts';
import type { SyncsimConfig } from './syncsim-config.ts';

export interface Project {
  root: string;
  /** The config file that was read, if there is one. */
  configFile?: string;
  scenarioRoots: string[];
  migrations?: string;
  postgres?: SyncsimConfig['postgres'];
}

const KEYS = new Set(['scenarios', 'migrations', 'postgres']);
const POSTGRES = new Set(['embedded', 'testcontainers', 'url']);

export function resolveProject(root: string, config: unknown = {}, configFile?: string): Project {
  const where = configFile ?? 'syncsim config';
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new ProjectError(`${where}: the default export must be an object (see syncsim init)`);
  for (const key of Object.keys(config))
    if (!KEYS.has(key)) throw new ProjectError(`${where}: unknown field '${key}' (fields: ${[...KEYS].join(', ')})`);
  const { scenarios = ['scenarios'], migrations, postgres } = config as SyncsimConfig;
  if (!Array.isArray(scenarios) || scenarios.length === 0 || scenarios.some((s) => typeof s !== 'string'))
    throw new ProjectError(`${where}: scenarios must be a non-empty list of folders`);
  if (migrations !== undefined && typeof migrations !== 'string')
    throw new ProjectError(`${where}: migrations must be a folder`);
  if (postgres !== undefined && !POSTGRES.has(postgres))
    throw new ProjectError(`${where}: postgres must be one of ${[...POSTGRES].join(', ')}, got '${String(postgres)}'`);
  const at = (path: string) => (isAbsolute(path) ? path : resolve(root, path));
  return {
    root,
    ...(configFile !== undefined ? { configFile } : {}),
    scenarioRoots: scenarios.map(at),
    ...(migrations !== undefined ? { migrations: at(migrations) } : {}),
    ...(postgres !== undefined ? { postgres } : {}),
  };
}
