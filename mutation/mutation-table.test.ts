import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMutationTable, formatSurvivors, mutationSummary } from './mutation-table.ts';

const fixture = readFileSync(new URL('./fixtures/stryker-report.json', import.meta.url), 'utf8');

describe('mutationSummary', () => {
  it("counts a Stryker report's mutants by status and scores detected over tested", () => {
    const { row } = mutationSummary('motopress', fixture);
    // 7 mutants: Ignored and CompileError are not tested, so 5 count; 2 killed + 1 timeout.
    expect(row).toEqual({
      module: 'motopress',
      mutants: 5,
      killed: 2,
      survived: 1,
      noCoverage: 1,
      timeout: 1,
      score: 60,
    });
  });

  it('lists survived and uncovered mutants as file:line, sorted by file', () => {
    const { survivors } = mutationSummary('motopress', fixture);
    expect(survivors).toEqual([
      {
        where: 'src/motopress/a-first.ts:7',
        mutator: 'ConditionalExpression',
        replacement: 'if (true) {\n  go();\n}',
        status: 'NoCoverage',
      },
      { where: 'src/motopress/backoff.ts:1', mutator: 'BlockStatement', replacement: '{}', status: 'Survived' },
    ]);
    expect(formatSurvivors(survivors).split('\n')).toEqual([
      'src/motopress/a-first.ts:7  ConditionalExpression  NoCoverage  if (true) { go(); }',
      'src/motopress/backoff.ts:1  BlockStatement  Survived  {}',
    ]);
  });

  it('refuses a file that is not a Stryker report', () => {
    expect(() => mutationSummary('bot', '{"files": {"a.ts": {}}}')).toThrow(/not a Stryker JSON report/);
    expect(() => mutationSummary('bot', '[]')).toThrow(/not a Stryker JSON report/);
  });

  it('scores a module with no tested mutant as n/a, not 0% or 100%', () => {
    const { row } = mutationSummary('db', '{"files": {}}');
    expect(formatMutationTable([row]).split('\n')[1]).toMatch(/^db\s+0\s+0\s+0\s+0\s+0\s+n\/a$/);
  });
});

describe('formatMutationTable', () => {
  it('prints one aligned row per module under the header', () => {
    const { row } = mutationSummary('motopress', fixture);
    expect(formatMutationTable([row, { ...row, module: 'bot', killed: 12, score: 92.3077 }]).split('\n')).toEqual([
      'module     mutants  killed  survived  no coverage  timeout   score',
      'motopress        5       2         1            1        1  60.00%',
      'bot              5      12         1            1        1  92.31%',
    ]);
  });
});
