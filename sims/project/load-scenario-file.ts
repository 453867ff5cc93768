/**
 * The scenarios a `*.scenario.ts` file exports: every exported value shaped like a scenario,
 * validated as defineScenario does (a hand-built object gets the same checks). A file that
 * exports none is an error rather than a scenario silently never run.
 */
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineScenario, type Scenario } from '../runner/scenario.ts';
import { firstLine } from './load-project.ts';
import { ProjectError } from './project-error.ts';

export type AnyScenario = Scenario<never, never>;

export function looksLikeScenario(value: unknown): value is AnyScenario {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof AnyScenario, unknown>>;
  return typeof candidate.id === 'string' && typeof candidate.variants === 'object' && 'world' in candidate;
}

/** How a TypeScript file is loaded: vite does it inside vitest; the command passes tsx's. */
export type ImportFile = (url: string) => Promise<unknown>;

const nativeImport: ImportFile = (url) => import(url);

export async function loadScenarioFile(file: string, root: string, importFile = nativeImport): Promise<AnyScenario[]> {
  const name = relative(root, file);
  let exports: Record<string, unknown>;
  try {
    exports = (await importFile(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ProjectError(`${name}: ${firstLine(error)}`);
  }
  const scenarios = [...new Set(Object.values(exports).filter(looksLikeScenario))];
  if (scenarios.length === 0)
    throw new ProjectError(`${name}: exports no scenario (export what defineScenario returns)`);
  try {
    return scenarios.map((scenario) => defineScenario(scenario));
  } catch (error) {
    throw new ProjectError(`${name}: ${firstLine(error)}`);
  }
}
