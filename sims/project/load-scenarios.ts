/**
 * Every discovered scenario of a project, in file order, with the file it came from. Two
 * scenarios with one id would make `syncsim run <id>` ambiguous, so that is an error naming both.
 */
import { relative } from 'node:path';
import { loadScenarioFile, type AnyScenario, type ImportFile } from './load-scenario-file.ts';
import { ProjectError } from './project-error.ts';

export interface DiscoveredScenario {
  scenario: AnyScenario;
  /** Path of its file, relative to the project root. */
  file: string;
}

export async function loadScenarios(
  files: readonly string[],
  root: string,
  importFile?: ImportFile,
): Promise<DiscoveredScenario[]> {
  const found: DiscoveredScenario[] = [];
  for (const file of files) {
    for (const scenario of await loadScenarioFile(file, root, importFile)) {
      const twin = found.find((f) => f.scenario.id === scenario.id);
      const here = relative(root, file);
      if (twin) throw new ProjectError(`scenario id '${scenario.id}' is defined twice: ${twin.file} and ${here}`);
      found.push({ scenario, file: here });
    }
  }
  return found;
}
