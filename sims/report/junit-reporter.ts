/**
 * `--junit FILE`: JUnit XML for CI, one <testsuite> per scenario (or test file), one <testcase>
 * per outcome. A broken invariant or an inconclusive run is a <failure>, a harness error an
 * <error>, each with the console report (replay line included) as its text.
 */
import { writeFile } from 'node:fs/promises';
import { formatRun } from './format-run.ts';
import type { Outcome, Reporter } from './reporter.ts';

// XML 1.0 cannot hold most control characters (terminal colours included): drop them.
// eslint-disable-next-line no-control-regex
const INVALID = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

export function junitXml(outcomes: readonly Outcome[]): string {
  const suites = new Map<string, Outcome[]>();
  for (const o of outcomes) suites.set(o.suite, [...(suites.get(o.suite) ?? []), o]);
  const count = (list: readonly Outcome[], verdicts: readonly string[]) =>
    list.filter((o) => !o.met && verdicts.includes(o.verdict)).length;
  const attrs = (list: readonly Outcome[]) =>
    `tests="${list.length}" failures="${count(list, ['broken', 'inconclusive', 'held'])}" errors="${count(list, ['error'])}"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="syncsim" ${attrs(outcomes)}>`];
  for (const [suite, list] of suites) {
    lines.push(`  <testsuite name="${xmlEscape(suite)}" ${attrs(list)}>`);
    for (const o of list) lines.push(...testcase(o));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

function testcase(o: Outcome): string[] {
  const time = o.durationMs !== undefined ? ` time="${(o.durationMs / 1000).toFixed(3)}"` : '';
  const open = `    <testcase classname="${xmlEscape(o.suite)}" name="${xmlEscape(o.name)}"${time}`;
  if (o.met) return [`${open}/>`];
  const tag = o.verdict === 'error' ? 'error' : 'failure';
  const text = o.result ? formatRun(o.result) : (o.details ?? '');
  const message = text.split('\n')[0] ?? '';
  return [
    `${open}>`,
    `      <${tag} type="${o.verdict}" message="${xmlEscape(message)}">${xmlEscape(text)}</${tag}>`,
    '    </testcase>',
  ];
}

export class JunitReporter implements Reporter {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  async end(outcomes: readonly Outcome[]): Promise<void> {
    await writeFile(this.#file, junitXml(outcomes));
  }
}
