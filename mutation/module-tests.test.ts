import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleTests, srcModules } from './module-tests.ts';

const root = mkdtempSync(join(tmpdir(), 'module-tests-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

write('src/clock.ts', 'export const now = 0;\n');
write('src/hotel/sync.ts', "import { now } from '../clock.ts';\nexport const sync = now;\n");
write('src/hotel/sync.test.ts', "import { sync } from './sync.ts';\n");
write('src/chat/room.ts', "import { sync } from '../hotel/sync.ts';\nexport const room = sync;\n");
write('src/chat/room.test.ts', "import { room } from './room.ts';\n");
// Reaches src/hotel through a helper two files away, and through a dynamic import.
write('scenarios/properties/hotel/world.ts', "export const load = () => import('../../../src/hotel/sync.ts');\n");
write('scenarios/properties/hotel/harness/run.ts', "import { load } from '../world.ts';\nexport { load };\n");
write('scenarios/properties/hotel/run.test.ts', "import { load } from './harness/run.ts';\n");
write('scenarios/properties/hotel/hotel.scenario.ts', "import { load } from './world.ts';\n");
write(
  'scenarios/properties/hotel/planted.test.ts',
  "import { load } from './world.ts';\nexpectPlantedCaught(s, 'v');\n",
);
// Cycles end; a package import ('syncsim') is never followed.
write('scenarios/engine/a.ts', "import './b.ts';\n");
write('scenarios/engine/b.ts', "import './a.ts';\nimport 'syncsim';\n");
write('scenarios/engine/cycle.test.ts', "import './a.ts';\n");

describe('moduleTests', () => {
  it("finds a module's tests and scenarios through the scenarios' own helpers, without the planted-only ones", () => {
    expect(moduleTests(root, 'hotel')).toEqual({
      testFiles: ['scenarios/properties/hotel/run.test.ts', 'src/hotel/sync.test.ts'],
      scenarioFiles: [join(root, 'scenarios/properties/hotel/hotel.scenario.ts')],
    });
  });

  it("does not follow another src/ module into this one (chat's test is chat's)", () => {
    expect(moduleTests(root, 'chat')).toEqual({ testFiles: ['src/chat/room.test.ts'], scenarioFiles: [] });
  });

  it('lists the folders of src/ as its modules', () => {
    expect(srcModules(root)).toEqual(['chat', 'hotel']);
  });
});
