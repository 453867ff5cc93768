import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng/rng.ts';
import { FaultInjector } from './fault-injector.ts';
import { describeFaultPlan, swarmFaultPlan } from './fault-plan.ts';

describe('swarmFaultPlan', () => {
  it('draws a subset of the given kinds, each with a rate in (0, maxRate]', () => {
    fc.assert(
      fc.property(swarmFaultPlan(['http-503', 'pg-deadlock', 'crash'], { maxRate: 0.2 }), (plan) => {
        for (const [kind, rate] of Object.entries(plan.rates)) {
          expect(['http-503', 'pg-deadlock', 'crash']).toContain(kind);
          expect(rate).toBeGreaterThan(0);
          expect(rate).toBeLessThanOrEqual(0.2);
        }
      }),
    );
  });

  it('varies the mix between runs and shrinks towards no faults at all', () => {
    const mixes = new Set(
      fc
        .sample(swarmFaultPlan(['http-503', 'pg-deadlock', 'crash']), { seed: 3, numRuns: 60 })
        .map((p) => Object.keys(p.rates).sort().join('+')),
    );
    expect(mixes.size).toBeGreaterThan(4);
    const details = fc.check(
      fc.property(swarmFaultPlan(['http-503', 'pg-deadlock']), () => false),
      { seed: 1 },
    );
    expect(details.counterexample?.[0]).toEqual({ rates: {} });
    expect(describeFaultPlan({ rates: {} })).toBe('no faults');
  });
});

describe('FaultInjector', () => {
  it('takes catalogued fault kinds only: a typo does not compile', () => {
    const injector = new FaultInjector({ rates: { 'pg-deadlock': 1 } }, new Rng(1));
    // @ts-expect-error 'pg-deadlok' is not a fault kind
    expect(injector.decide(['pg-deadlok'], 'a', 'q')).toBeUndefined();
  });

  it('fires by rate from its own rng stream, records what fired, and is silent once healed', () => {
    const draws = (seed: number) => {
      const injector = new FaultInjector({ rates: { 'pg-deadlock': 0.5 } }, new Rng(seed).fork('faults'));
      return Array.from({ length: 20 }, (_, i) => injector.decide(['pg-deadlock'], 'a', `op-${i}`) ?? '-');
    };
    expect(draws(9)).toEqual(draws(9));
    expect(draws(9)).toContain('pg-deadlock');
    expect(draws(9)).toContain('-');
    const injector = new FaultInjector({ rates: { 'pg-deadlock': 1 } }, new Rng(1));
    expect(injector.decide(['pg-deadlock', 'http-503'], 'a', 'q')).toBe('pg-deadlock');
    expect(injector.injected).toEqual([{ kind: 'pg-deadlock', actor: 'a', operation: 'q' }]);
    injector.heal();
    expect(injector.decide(['pg-deadlock'], 'a', 'q')).toBeUndefined();
  });

  it('crashes only the actors the plan allows', () => {
    const injector = new FaultInjector({ rates: { crash: 1 }, crashable: ['scheduler'] }, new Rng(1));
    expect(injector.decide(['crash'], 'customer', 'op')).toBeUndefined();
    expect(injector.decide(['crash'], 'scheduler', 'op')).toBe('crash');
  });

  it('fires a scripted fault at exactly the at-th ask for its actor and kind, drawing nothing', () => {
    const plan = {
      rates: {},
      script: [
        { kind: 'crash' as const, actor: 'migrate', at: 3 },
        { kind: 'response-lost' as const, actor: 'migrate', at: 2 },
      ],
    };
    const injector = new FaultInjector(plan, new Rng(1));
    const crashes = Array.from({ length: 5 }, (_, i) => injector.decide(['crash'], 'migrate', `op-${i}`) ?? '-');
    expect(crashes).toEqual(['-', '-', 'crash', '-', '-']);
    // Another actor's asks do not count towards migrate's.
    expect(injector.decide(['response-lost', 'http-500'], 'other', 'POST /users')).toBeUndefined();
    expect(injector.decide(['response-lost', 'http-500'], 'migrate', 'POST /users')).toBeUndefined();
    expect(injector.decide(['response-lost', 'http-500'], 'migrate', 'POST /users')).toBe('response-lost');
    expect(injector.injected.map((f) => `${f.kind} ${f.operation}`)).toEqual([
      'crash op-2',
      'response-lost POST /users',
    ]);
    expect(describeFaultPlan(plan)).toBe('crash migrate#3, response-lost migrate#2');
  });
});
