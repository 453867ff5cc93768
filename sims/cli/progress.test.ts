/**
 * Progress lines: in CI (no terminal) a line per quarter of the search and of the shrink budget;
 * on a terminal one line redrawn in place and wiped at the end; nothing for one case.
 */
import { describe, expect, it } from 'vitest';
import { progressLine } from './progress.ts';

function drive(tty: boolean, total: number) {
  const lines: string[] = [];
  const raw: string[] = [];
  const progress = progressLine('lost-update:naive', total, { err: (line) => lines.push(line), tty }, (text) =>
    raw.push(text),
  );
  for (let cases = 1; cases <= 12; cases++) progress.update(cases);
  // Case 12 broke; shrinking runs 5 cases of a budget of 20.
  for (let shrink = 1; shrink <= 5; shrink++) progress.update(12 + shrink, { cases: shrink, budget: 20 });
  progress.done();
  return { lines, raw };
}

describe('progressLine', () => {
  it('in CI: a plain line per quarter of the search, then per quarter of the shrink budget', () => {
    expect(drive(false, 12).lines).toEqual([
      '  lost-update:naive  3/12 cases',
      '  lost-update:naive  6/12 cases',
      '  lost-update:naive  9/12 cases',
      '  lost-update:naive  12/12 cases',
      '  lost-update:naive  broken at case 12; shrinking 1/20 cases',
      '  lost-update:naive  broken at case 12; shrinking 5/20 cases',
    ]);
  });

  it('on a terminal: one line redrawn in place, wiped at the end, nothing through err', () => {
    const { lines, raw } = drive(true, 12);
    expect(lines).toEqual([]);
    expect(raw).toHaveLength(18);
    expect(raw[11]).toBe('\r  lost-update:naive  12/12 cases\x1b[K');
    expect(raw[16]).toBe('\r  lost-update:naive  broken at case 12; shrinking 5/20 cases\x1b[K');
    expect(raw.at(-1)).toBe('\r\x1b[K');
  });

  it('says nothing for a run of one case (a replay)', () => {
    expect(drive(false, 1).lines).toEqual([]);
    expect(drive(true, 1).raw).toEqual([]);
  });
});
