/**
 * The project the command runs in (the current directory): its config applied to the
 * environment the Postgres setup reads (a flag or a variable already set wins), and its
 * discovered scenarios. The CLI receives scenarios this way; nothing in sims/ imports them.
 */
import { tsImport } from 'tsx/esm/api';
import { discoverScenarioFiles } from '../project/discover-scenario-files.ts';
import { loadProject } from '../project/load-project.ts';
import { loadScenarios, type DiscoveredScenario } from '../project/load-scenarios.ts';
import type { Project } from '../project/resolve-project.ts';

/**
 * The project's TypeScript through tsx, as ESM or CommonJS as its package.json says (a Next.js
 * app has no "type": "module"; a plain import() would then trip over require(esm)).
 */
export const importTypeScript = (url: string): Promise<unknown> => tsImport(url, import.meta.url);

export async function openProject(root = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<Project> {
  const project = await loadProject(root, importTypeScript);
  if (project.migrations !== undefined) env['SYNCSIM_MIGRATIONS'] ??= project.migrations;
  if (project.postgres !== undefined) env['SYNCSIM_POSTGRES'] ??= project.postgres;
  return project;
}

export async function projectScenarios(project: Project): Promise<DiscoveredScenario[]> {
  return loadScenarios(discoverScenarioFiles(project), project.root, importTypeScript);
}
