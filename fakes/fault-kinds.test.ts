/**
 * The catalogue is the only place a fault kind is spelt: `decide()` takes catalogued kinds only,
 * so a typo fails `npm run typecheck` (the @ts-expect-error lines below stop compiling if it
 * ever accepts any string again), and every system's list is a slice of the one union.
 */
import { describe, expect, it } from 'vitest';
import {
  CRASH_FAULTS,
  FAULTS_BY_SYSTEM,
  FS_FAULTS,
  HTTP_ANSWER_FAULTS,
  HTTP_FAULTS,
  PG_FAULTS,
  type FaultKind,
} from './fault-kinds.ts';
import type { FaultSource } from './io-gate.ts';

const quiet: FaultSource = { decide: () => undefined, latency: () => 0 };

describe('the fault catalogue', () => {
  it('makes a misspelt fault kind a type error in decide()', () => {
    // @ts-expect-error 'http-5000' is not in the catalogue
    expect(quiet.decide(['http-5000'], 'actor', 'op')).toBeUndefined();
    // @ts-expect-error 'fs-enoent ' (trailing space) is not in the catalogue
    expect(quiet.decide(['fs-enoent '], 'actor', 'op')).toBeUndefined();
    expect(quiet.decide(['http-500', 'pg-deadlock', 'crash'], 'actor', 'op')).toBeUndefined();
  });

  it('names every kind once, each under one system', () => {
    const all: FaultKind[] = [...HTTP_FAULTS, ...HTTP_ANSWER_FAULTS, ...PG_FAULTS, ...FS_FAULTS, ...CRASH_FAULTS];
    expect(new Set(all).size).toBe(all.length);
    expect(Object.values(FAULTS_BY_SYSTEM).flat()).toEqual([
      ...HTTP_FAULTS,
      ...HTTP_ANSWER_FAULTS,
      ...PG_FAULTS,
      ...FS_FAULTS,
    ]);
  });
});
