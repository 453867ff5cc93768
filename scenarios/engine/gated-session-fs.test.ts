/**
 * File faults through the engine() are real: the directory on disk shows what each fault left
 * (nothing, an empty file, half a JSON body, a temp file that was never renamed), every call is
 * in the history as system 'fs', and no absolute path leaks into the history.
 *
 * An engine test, but its actor is src/bot's real SessionStore, and only the scenarios layer may
 * run src/ code together with sims/ (sims/ imports src/ types only).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/bot/session-store.ts';
import type { FaultPlan } from 'syncsim';
import { runCase } from 'syncsim/vitest';
import { defineScenario } from 'syncsim';
import type { GateRequest } from 'syncsim/vitest';
import { fileCaseEngine } from 'syncsim/vitest';

const engine = fileCaseEngine();

const KEY = { phone: '51943001421', channelConnectionId: 1 };
const SESSION = { flowId: 'promotoras-v2-mw7rpy', state: { step: 1 }, updatedAt: 0 };

const scenario = defineScenario<null, null>({
  id: 'fs-probe',
  kind: 'example',
  title: 'one atomic session write under a file fault',
  input: fc.constant(null),
  world: () => Promise.resolve(null),
  invariants: [],
  variants: {
    write: {
      description: 'write one session atomically (temp + rename)',
      expect: 'holds',
      actors: () => [
        { name: 'writer', run: ({ fs }) => new SessionStore(fs, { tempTag: () => 't1' }).write(KEY, SESSION) },
      ],
    },
    'in-place': {
      description: 'write the session file in place',
      expect: 'holds',
      actors: () => [
        { name: 'writer', run: ({ fs }) => fs.writeFile('whatsapp_51943001421_1.json', JSON.stringify(SESSION)) },
      ],
    },
  },
  defaultVariant: 'write',
});

async function runWith(plan: FaultPlan, variant: 'write' | 'in-place' = 'write') {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 1, numRuns: 1 });
  const outcome = await runCase(scenario, scenario.variants[variant]!, null, scheduler!, engine(), 3, plan);
  const files = (await readdir(engine().sessionDir)).sort();
  const body = async (name: string) => readFile(join(engine().sessionDir, name), 'utf8');
  return { outcome, files, body, fsEvents: outcome.history.filter((e) => e.system === 'fs') };
}

describe('gated session fs', () => {
  it('no faults: temp written, renamed into place, both calls in the history', async () => {
    const { files, body, fsEvents } = await runWith({ rates: {} });
    expect(files).toEqual(['whatsapp_51943001421_1.json']);
    expect(JSON.parse(await body(files[0]!))).toEqual(SESSION);
    expect(fsEvents.filter((e) => e.type === 'invoke').map((e) => e.operation)).toEqual(['writeFile', 'rename']);
  });

  it('ENOENT / EACCES: the call fails and the disk is untouched', async () => {
    for (const kind of ['fs-enoent', 'fs-eacces'] as const) {
      const { files, fsEvents } = await runWith({ rates: { [kind]: 1 } });
      expect(files).toEqual([]);
      expect(fsEvents.find((e) => e.type === 'fail')?.error).toMatch(kind === 'fs-enoent' ? /^ENOENT/ : /^EACCES/);
    }
  });

  it('ENOSPC and torn write leave an empty / half body where the write went', async () => {
    const enospc = await runWith({ rates: { 'fs-enospc': 1 } }, 'in-place');
    expect(enospc.files).toEqual(['whatsapp_51943001421_1.json']);
    expect(await enospc.body(enospc.files[0]!)).toBe('');
    const torn = await runWith({ rates: { 'fs-torn-write': 1 } }, 'in-place');
    const written = await torn.body(torn.files[0]!);
    expect(JSON.stringify(SESSION).startsWith(written)).toBe(true);
    expect(written.length).toBe(Math.floor(JSON.stringify(SESSION).length / 2));
  });

  it('failed rename: the error surfaces and the temp file stays (the store could not clean it either)', async () => {
    const { files, fsEvents } = await runWith({ rates: { 'fs-rename-failed': 1 } });
    expect(fsEvents.find((e) => e.operation === 'rename' && e.type === 'fail')?.error).toMatch(/^EIO/);
    // The best-effort unlink of the temp file may itself fault; here it succeeds or not, but
    // the session file was never created.
    expect(files.filter((f) => !f.endsWith('.tmp'))).toEqual([]);
  });

  it('a real ENOENT names the file, not the engine() directory', async () => {
    const { outcome } = await runWith({ rates: {} });
    expect(JSON.stringify(outcome.history)).not.toContain(engine().sessionDir);
    const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 1, numRuns: 1 });
    const reader = {
      ...scenario.variants.write!,
      actors: () => [
        {
          name: 'reader',
          run: async ({ fs }: { fs: import('../../src/bot/session-fs.ts').SessionFs }) =>
            void (await fs.readFile('whatsapp_1_1.json').catch(() => '')),
        },
      ],
    };
    const missing = await runCase(scenario, reader, null, scheduler!, engine(), 3);
    const failure = missing.history.find((e) => e.type === 'fail');
    expect(failure?.error).toMatch(/^ENOENT .*whatsapp_1_1\.json/);
    expect(failure?.error).not.toContain(engine().sessionDir);
  });
});
