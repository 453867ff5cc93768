/**
 * Stryker's JSON report (mutation-testing-report-schema) read into what `npm run mutation`
 * prints: one row per module and the surviving mutants. Pure: the caller reads the file.
 */

export interface MutationRow {
  module: string;
  mutants: number;
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  /** Stryker's mutation score: (killed + timeout) / (killed + timeout + survived + no coverage), in %. */
  score: number;
}

export interface Survivor {
  /** file:line, relative to the repo root as the report names it. */
  where: string;
  mutator: string;
  replacement: string;
  /** Survived (tests ran, none failed) or NoCoverage (no test ran the code). */
  status: 'Survived' | 'NoCoverage';
}

interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number } };
}

interface Report {
  files: Record<string, { mutants: ReportMutant[] }>;
}

function isReport(value: unknown): value is Report {
  if (typeof value !== 'object' || value === null) return false;
  const files = (value as { files?: unknown }).files;
  if (typeof files !== 'object' || files === null) return false;
  return Object.values(files).every((file) => Array.isArray((file as { mutants?: unknown } | null)?.mutants));
}

/** The report's row and survivors; throws when `json` is not a Stryker report. */
export function mutationSummary(module: string, json: string): { row: MutationRow; survivors: Survivor[] } {
  const report: unknown = JSON.parse(json);
  if (!isReport(report)) throw new Error(`not a Stryker JSON report (no files with mutants) for ${module}`);
  const count = { Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0 };
  let mutants = 0;
  const survivors: Survivor[] = [];
  for (const [file, { mutants: list }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    for (const mutant of list) {
      // Ignored (static code, see stryker-options.ts), CompileError and RuntimeError are not
      // mutants the tests were asked about: Stryker leaves them out of the score too.
      if (!(mutant.status in count)) continue;
      mutants += 1;
      count[mutant.status as keyof typeof count] += 1;
      if (mutant.status === 'Survived' || mutant.status === 'NoCoverage')
        survivors.push({
          where: `${file}:${mutant.location.start.line}`,
          mutator: mutant.mutatorName,
          replacement: mutant.replacement ?? '',
          status: mutant.status,
        });
    }
  }
  const detected = count.Killed + count.Timeout;
  const row: MutationRow = {
    module,
    mutants,
    killed: count.Killed,
    survived: count.Survived,
    noCoverage: count.NoCoverage,
    timeout: count.Timeout,
    score: mutants === 0 ? Number.NaN : (100 * detected) / mutants,
  };
  return { row, survivors };
}

const HEADER = ['module', 'mutants', 'killed', 'survived', 'no coverage', 'timeout', 'score'];

/** The per-module table, columns padded to their widest cell. */
export function formatMutationTable(rows: MutationRow[]): string {
  const cells = [
    HEADER,
    ...rows.map((r) => [
      r.module,
      String(r.mutants),
      String(r.killed),
      String(r.survived),
      String(r.noCoverage),
      String(r.timeout),
      Number.isNaN(r.score) ? 'n/a' : `${r.score.toFixed(2)}%`,
    ]),
  ];
  const widths = HEADER.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
    .join('\n');
}

/** One line per survivor: where, mutator, what the code became (newlines folded). */
export function formatSurvivors(survivors: Survivor[]): string {
  return survivors
    .map((s) => `${s.where}  ${s.mutator}  ${s.status}  ${s.replacement.replace(/\s*\n\s*/g, ' ')}`)
    .join('\n');
}
