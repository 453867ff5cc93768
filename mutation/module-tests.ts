/**
 * Which tests can kill a mutant of one src/ module: every test file (src/ and scenarios/) and
 * every *.scenario.ts whose relative imports reach src/<module>/, followed through the
 * scenarios' own helpers (a world or harness file imports the module, the test imports that).
 * Found by reading imports, not by a list kept by hand, so a new scenario is picked up. sims/
 * and fakes/ are not followed: they never run src/ code (eslint-layers.js). Nor is the rest of
 * src/: a chat CLI test that opens src/bot's session store through src/ops is chat's killer,
 * and following it would put every slow chat incident suite into the bot run for no kill.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface ModuleTests {
  /** Hand-written test files, relative to the root, sorted. */
  testFiles: string[];
  /** Scenario files whose `holds` variants run as tests, absolute (as vitest provides them). */
  scenarioFiles: string[];
}

/**
 * A planted bug's check expects its variant to break: it passes whatever a mutant does to the
 * module (the planted code, not src/, decides), so it only costs time. Such files are left out.
 */
const PLANTED_ONLY = /expectPlantedCaught\(/;

const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The src/ modules: its folders (src/clock.ts and other loose files belong to none). */
export function srcModules(root: string): string[] {
  return readdirSync(join(root, 'src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.ts') && !entry.split(sep).includes('node_modules'))
    .map((entry) => join(dir, entry));
}

/** Whether `file`, or what it imports by relative path inside `followed`, reaches `target`. */
function reaches(file: string, target: string, followed: string[], seen: Map<string, boolean>): boolean {
  const known = seen.get(file);
  if (known !== undefined) return known;
  seen.set(file, false); // an import cycle reaches nothing new
  let found = false;
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const imported = resolve(dirname(file), match[1]!);
    if (imported.startsWith(target)) found = true;
    else if (imported.endsWith('.ts') && existsSync(imported) && followed.some((dir) => imported.startsWith(dir)))
      found = reaches(imported, target, followed, seen);
    if (found) break;
  }
  seen.set(file, found);
  return found;
}

export function moduleTests(root: string, module: string): ModuleTests {
  const target = join(root, 'src', module) + sep;
  const followed = [join(root, 'scenarios') + sep];
  const seen = new Map<string, boolean>();
  const candidates = [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'scenarios'))];
  const own = (file: string) => file.startsWith(target) || reaches(file, target, followed, seen);
  const testFiles = candidates
    .filter((file) => file.endsWith('.test.ts') && own(file) && !PLANTED_ONLY.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file))
    .sort();
  const scenarioFiles = candidates.filter((file) => file.endsWith('.scenario.ts') && own(file)).sort();
  return { testFiles, scenarioFiles };
}
