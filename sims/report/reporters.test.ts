/**
 * The three reporters on the same outcomes: the console prints each command's layout, JSON keeps
 * every result with its replay line, JUnit marks a broken or inconclusive outcome as a failure
 * and a harness error as an error, with valid XML whatever the messages hold.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../runner/run-result.ts';
import { ConsoleReporter } from './console-reporter.ts';
import { JsonReporter } from './json-reporter.ts';
import { junitXml, JunitReporter } from './junit-reporter.ts';
import { Reporting, variantOutcome, type Outcome, type Reporter } from './reporter.ts';

const dir = mkdtempSync(join(tmpdir(), 'syncsim-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function result(variant: string, overrides: Partial<RunResult> = {}): RunResult {
  return {
    scenario: 'lost-update',
    variant,
    expect: 'holds',
    status: 'held',
    met: true,
    seed: 7,
    cases: 4,
    runs: 4,
    shrinks: 0,
    shrinkCases: 0,
    shrinkStopped: false,
    lockWaits: 0,
    violations: [],
    broken: [],
    history: [],
    schedule: [],
    ...overrides,
  };
}

const naive = result('naive', {
  expect: 'breaks',
  status: 'broken',
  met: true,
  path: '0:0',
  broken: ['no-lost-update'],
  violations: [{ invariant: 'no-lost-update', message: 'conversation 1001 has unread_count 1 after 2 messages' }],
  counterexample: '{"deliveries":[1,1]}',
  input: { deliveries: [1, 1] },
});
const locked = result('locked');

async function report(reporters: Reporter[], outcomes: Outcome[], command: 'run' | 'reproduce' | 'check') {
  const reporting = new Reporting(reporters);
  reporting.begin(command);
  for (const o of outcomes) reporting.outcome(o);
  await reporting.end({ command, title: 'lost-update: the smallest race', verdict: 'broken', exitCode: 1 });
}

describe('ConsoleReporter', () => {
  it('run: the variant report with its one replay line', async () => {
    const lines: string[] = [];
    await report([new ConsoleReporter((l) => lines.push(l))], [variantOutcome(naive)], 'run');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^BROKEN no-lost-update {2}lost-update:naive/);
    expect(lines[0]).toContain('replay: npx syncsim run lost-update:naive --seed=7 --path=0:0');
  });

  it('reproduce: title, the variants side by side, then the report of each that did not hold', async () => {
    const lines: string[] = [];
    await report([new ConsoleReporter((l) => lines.push(l))], [naive, locked].map(variantOutcome), 'reproduce');
    expect(lines[0]).toBe('lost-update: the smallest race');
    expect(lines[1]).toMatch(
      /variant +expected +outcome[\s\S]*naive +breaks +broken +no-lost-update[\s\S]*locked +holds/,
    );
    expect(lines.slice(2)).toEqual([expect.stringMatching(/^\nBROKEN no-lost-update {2}lost-update:naive/)]);
  });

  it('check: a line per test as it finishes, then failures, counts and the verdict', async () => {
    const lines: string[] = [];
    await report(
      [new ConsoleReporter((l) => lines.push(l))],
      [
        { kind: 'test', name: 'a holds', suite: 'a.test.ts', verdict: 'held', met: true },
        { kind: 'test', name: 'b breaks', suite: 'b.test.ts', verdict: 'broken', met: false, details: 'no-x: y' },
      ],
      'check',
    );
    expect(lines).toEqual([
      'syncsim check: running every scenario',
      '  ok    a holds',
      '  BROKEN b breaks',
      '\nb breaks\nno-x: y',
      '\n1 passed, 1 failed',
      'syncsim check: broken (exit 1)',
    ]);
  });
});

describe('JsonReporter', () => {
  it('writes a versioned envelope: the command, its verdict and exit code, each result with its input and replay line', async () => {
    const one = join(dir, 'run.json');
    await report([new JsonReporter(one)], [variantOutcome(naive)], 'run');
    expect(JSON.parse(readFileSync(one, 'utf8'))).toEqual({
      schemaVersion: 2,
      command: 'run',
      title: 'lost-update: the smallest race',
      verdict: 'broken',
      exitCode: 1,
      results: [{ ...naive, replay: 'npx syncsim run lost-update:naive --seed=7 --path=0:0' }],
    });
    const all = join(dir, 'reproduce.json');
    await report([new JsonReporter(all)], [naive, locked].map(variantOutcome), 'reproduce');
    const written = JSON.parse(readFileSync(all, 'utf8')) as { results: Array<{ variant: string; replay: string }> };
    expect(written.results.map((r) => [r.variant, r.replay])).toEqual([
      ['naive', 'npx syncsim run lost-update:naive --seed=7 --path=0:0'],
      ['locked', 'npx syncsim run lost-update:locked --seed=7'],
    ]);
  });
});

describe('JunitReporter', () => {
  it('one testsuite per suite; broken and inconclusive are failures, a harness error an error', async () => {
    const file = join(dir, 'junit.xml');
    const unmet = result('locked', { status: 'broken', met: false, broken: ['no-lost-update'] });
    await report(
      [new JunitReporter(file)],
      [
        variantOutcome(naive),
        variantOutcome(unmet),
        {
          kind: 'test',
          name: 'c <&> "q"',
          suite: 'c.test.ts',
          verdict: 'inconclusive',
          met: false,
          details: 'held\u001b[31m',
        },
        { kind: 'file', name: 'd.test.ts', suite: 'd.test.ts', verdict: 'error', met: false, details: 'Error: boom' },
      ],
      'check',
    );
    const xml = readFileSync(file, 'utf8');
    expect(xml).toMatch(/<testsuites name="syncsim" tests="4" failures="2" errors="1">/);
    expect(xml).toMatch(/<testsuite name="lost-update" tests="2" failures="1" errors="0">/);
    expect(xml).toMatch(/<testcase classname="lost-update" name="lost-update:naive"\/>/);
    expect(xml).toMatch(/<failure type="broken" message="BROKEN no-lost-update {2}lost-update:locked[^"]*">/);
    expect(xml).toContain('name="c &lt;&amp;&gt; &quot;q&quot;"');
    expect(xml).toContain('<failure type="inconclusive" message="held">held</failure>');
    expect(xml).toContain('<error type="error" message="Error: boom">Error: boom</error>');
    expect(junitXml([])).toContain('tests="0"');
  });
});
