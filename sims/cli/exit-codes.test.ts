import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXIT,
  exitCodeOfDiff,
  exitCodeOfStatus,
  interruptedExitCode,
  reproduceOutcome,
  runOutcome,
  worstStatus,
} from './exit-codes.ts';

describe('exit codes', () => {
  it('a breaks variant that held is inconclusive (2), never a pass', () => {
    expect(exitCodeOfStatus(runOutcome({ status: 'held', expect: 'breaks' }))).toBe(2);
    expect(exitCodeOfStatus(runOutcome({ status: 'held', expect: 'holds' }))).toBe(0);
    expect(exitCodeOfStatus(runOutcome({ status: 'broken', expect: 'breaks' }))).toBe(1);
    expect(exitCodeOfStatus(runOutcome({ status: 'broken', expect: 'holds' }))).toBe(1);
    expect(exitCodeOfStatus(runOutcome({ status: 'error', expect: 'breaks' }))).toBe(3);
  });

  it('reproduce: 0 only when every variant met its expectation, else the worst miss', () => {
    const before = { expect: 'breaks' as const };
    const after = { expect: 'holds' as const };
    expect(
      reproduceOutcome([
        { ...before, status: 'broken', met: true },
        { ...after, status: 'held', met: true },
      ]),
    ).toBe('held');
    expect(
      reproduceOutcome([
        { ...before, status: 'held', met: false },
        { ...after, status: 'held', met: true },
      ]),
    ).toBe('inconclusive');
    expect(
      reproduceOutcome([
        { ...before, status: 'held', met: false },
        { ...after, status: 'broken', met: false },
      ]),
    ).toBe('broken');
    expect(
      reproduceOutcome([
        { ...before, status: 'error', met: false },
        { ...after, status: 'broken', met: false },
      ]),
    ).toBe('error');
  });

  it('diff: same 0, different 1, inconclusive 2, error 3', () => {
    expect(['same', 'different', 'inconclusive', 'error'].map((s) => exitCodeOfDiff(s as never))).toEqual([0, 1, 2, 3]);
  });

  it('ranks error above broken above inconclusive above held', () => {
    expect(worstStatus([])).toBe('held');
    expect(worstStatus(['inconclusive', 'held'])).toBe('inconclusive');
    expect(worstStatus(['inconclusive', 'broken'])).toBe('broken');
    expect(worstStatus(['error', 'broken'])).toBe('error');
    expect(interruptedExitCode('SIGINT')).toBe(130);
    expect(interruptedExitCode('SIGTERM')).toBe(143);
  });

  it('the README has one table per command, using only these codes', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Exit codes'),
      readme.indexOf('\n## ', readme.indexOf('## Exit codes') + 1),
    );
    const known = new Set(Object.values(EXIT).map(String));
    const tables = section.split(/\n`(?:syncsim |npm run )([a-z-]+)[^`]*`[^\n]*\n/).slice(1);
    const byCommand = new Map<string, string[]>();
    for (let i = 0; i < tables.length; i += 2) {
      const codes = [...(tables[i + 1] ?? '').matchAll(/^\| ([\d /]+) \|/gm)].flatMap((m) => m[1]!.split(' / '));
      byCommand.set(tables[i]!, codes);
    }
    expect([...byCommand.keys()]).toEqual([
      'check',
      'run',
      'reproduce',
      'diff',
      'validate-migration',
      'list',
      'fake',
      'bot-cleanup',
      'audit',
      'repair',
      'migrate',
      'snapshot',
    ]);
    for (const codes of byCommand.values()) for (const code of codes) expect(known).toContain(code);
    expect(byCommand.get('run')).toEqual(['0', '1', '2', '3', '130', '143']);
    expect(byCommand.get('diff')).toEqual(['0', '1', '2', '3', '130', '143']);
    expect(byCommand.get('bot-cleanup')).toEqual(['0', '3']);
    expect(byCommand.get('audit')).toEqual(['0', '1', '3']);
    expect(byCommand.get('repair')).toEqual(['0', '1', '3']);
    expect(byCommand.get('migrate')).toEqual(['0', '1', '3']);
    expect(byCommand.get('snapshot')).toEqual(['0', '3']);
    expect(byCommand.get('validate-migration')).toEqual(['0', '1', '2', '3', '130', '143']);
  });
});
