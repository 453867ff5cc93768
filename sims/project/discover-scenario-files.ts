/**
 * Discovery instead of a registry: every `*.scenario.ts` under the project's scenario roots is a
 * scenario file, so a new scenario needs no registration and no test file to be run by `check`.
 * Sorted by path, so `list` and the generated tests come out in the same order everywhere.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ProjectError } from './project-error.ts';
import type { Project } from './resolve-project.ts';

export const SCENARIO_SUFFIX = '.scenario.ts';

export function discoverScenarioFiles(project: Pick<Project, 'root' | 'scenarioRoots'>): string[] {
  const files = new Set<string>();
  for (const root of project.scenarioRoots) {
    if (!existsSync(root) || !statSync(root).isDirectory())
      throw new ProjectError(
        `scenario folder ${relative(project.root, root) || '.'} does not exist (see syncsim init)`,
      );
    for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      const parts = entry.split(sep);
      // Dependencies and hidden folders (.git, .syncsim) hold no scenarios of this project.
      if (parts.some((part) => part === 'node_modules' || part.startsWith('.'))) continue;
      if (entry.endsWith(SCENARIO_SUFFIX)) files.add(join(root, entry));
    }
  }
  return [...files].sort((a, b) => relative(project.root, a).localeCompare(relative(project.root, b)));
}
