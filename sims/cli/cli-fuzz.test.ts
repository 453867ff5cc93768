/**
 * Property tests of the contract for bad input, over random and malformed command lines,
 * environment variables and migration folders: exit exactly 3, stderr one line naming the
 * problem ("syncsim: ..."), no stack trace, nothing on stdout, no file written. Every case is
 * built to be bad in at least one place (so the oracle is known without a second
 * implementation of the parser), mixed with valid parts, in any order. In-process (main(argv,
 * env)); the migration folders run against the test run's own server.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isOneLineRefusal, runMainInProcess, type CapturedRun } from './run-main-in-process.ts';

const SEED = inject('syncsimSeed');
const dir = mkdtempSync(join(tmpdir(), 'syncsim-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Where --json / --junit / --html / --trace point: a file that must never appear.
const target = join(dir, 'must-not-exist.out');

const COMMANDS = ['check', 'run', 'reproduce', 'diff', 'list', 'fake', 'validate-migration'];
const STRING_FLAGS: Record<string, string[]> = {
  check: ['seed', 'shard', 'junit', 'migrations'],
  run: ['seed', 'path', 'runs', 'json', 'html', 'trace', 'migrations'],
  reproduce: ['json', 'html', 'trace', 'migrations'],
  diff: ['seed', 'path', 'runs', 'json', 'migrations', 'max-steps'],
  list: [],
  fake: ['port', 'seed', 'api-key', 'api-secret', 'consumer-key', 'consumer-secret', 'webhook-url'],
  'validate-migration': ['world', 'snapshot', 'scope', 'seed', 'runs', 'path', 'json', 'html', 'trace'],
};
const SCENARIO_OF: Record<string, string[]> = {
  check: [],
  run: ['lost-update:naive'],
  reproduce: ['lost-update'],
  diff: ['lost-update', 'locked', 'naive'],
  list: [],
  fake: ['stream'],
  'validate-migration': ['stream-ids'],
};

/** Text a user might type, including control characters, quotes and unicode. */
const junk = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
const notAnInteger = junk.filter((s) => !/^\s*-?\d+\s*$/.test(s));
const outOfSeedRange = fc
  .oneof(fc.bigInt({ min: 2n ** 31n, max: 2n ** 70n }), fc.bigInt({ min: -(2n ** 70n), max: -(2n ** 31n) - 1n }))
  .map(String);

/** One element that makes any command line wrong, as tokens. */
function badElement(command: string): fc.Arbitrary<string[]> {
  const known = new Set([...STRING_FLAGS[command]!, 'help']);
  const flagName = fc.stringMatching(/^[a-z][a-z-]{0,12}$/).filter((name) => !known.has(name));
  const options: fc.Arbitrary<string[]>[] = [
    flagName.map((name) => [`--${name}`]),
    fc.tuple(flagName, junk).map(([name, value]) => [`--${name}=${value}`]),
    fc.constantFrom('-x', '-5', '--', '---').map((flag) => (flag === '--' ? ['--bogus'] : [flag])),
    junk.map((value) => [`--help=${value}`]),
  ];
  const flags = STRING_FLAGS[command]!;
  if (flags.includes('seed')) options.push(fc.oneof(notAnInteger, outOfSeedRange).map((value) => [`--seed=${value}`]));
  if (flags.includes('runs'))
    options.push(fc.oneof(notAnInteger, fc.integer({ max: 0 }).map(String)).map((value) => [`--runs=${value}`]));
  if (flags.includes('shard'))
    options.push(
      fc
        .oneof(
          junk.filter((s) => !/^\d+\/\d+$/.test(s)),
          fc
            .tuple(fc.nat(5), fc.nat(5))
            .filter(([i, n]) => i < 1 || i > n)
            .map(([i, n]) => `${i}/${n}`),
        )
        .map((value) => ['--shard', value]),
    );
  if (flags.includes('path'))
    options.push(junk.filter((s) => !/^\d+(:\d+)*$/.test(s)).map((value) => ['--seed', '1', `--path=${value}`]));
  if (flags.includes('port'))
    options.push(fc.oneof(notAnInteger, fc.integer({ min: 65536 }).map(String)).map((value) => [`--port=${value}`]));
  if (flags.includes('migrations')) options.push(fc.constant(['--migrations', join(dir, 'no-such-folder')]));
  // Never an http(s) URL: its scheme, if it has one, starts with x.
  if (flags.includes('webhook-url')) options.push(junk.map((value) => [`--webhook-url=x${value}`]));
  // A string flag at the very end has no value.
  if (flags.length > 0) options.push(fc.constantFrom(...flags).map((name) => ['--LAST', name]));
  // A flag given twice.
  if (flags.includes('json')) options.push(fc.constant(['--json', target, '--json', target]));
  if (command === 'run')
    options.push(junk.filter((s) => !/^(lost-update|stuck-bot|indo|properties)/.test(s)).map((s) => [`nosuch${s}`]));
  if (command === 'list') options.push(junk.filter((s) => !s.startsWith('-')).map((s) => [`x${s}`]));
  if (command === 'fake') options.push(fc.constant(['--api-key', 'k']));
  return fc.oneof(...options);
}

/** Valid parts to surround the bad one with. */
function goodParts(command: string): fc.Arbitrary<string[][]> {
  const parts: fc.Arbitrary<string[]>[] = [fc.constant([])];
  const flags = STRING_FLAGS[command]!;
  if (flags.includes('seed'))
    parts.push(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((s) => ['--seed', String(s)]));
  if (flags.includes('json')) parts.push(fc.constant(['--json', target]));
  if (flags.includes('html')) parts.push(fc.constant(['--html', target]));
  if (flags.includes('trace')) parts.push(fc.constant(['--trace', target]));
  if (flags.includes('junit')) parts.push(fc.constant(['--junit', target]));
  if (flags.includes('shard')) parts.push(fc.constant(['--shard', '2/3']));
  if (command !== 'list') parts.push(fc.constant(['--debug']));
  return fc.array(fc.oneof(...parts), { maxLength: 3 });
}

const badCommandLine: fc.Arbitrary<string[]> = fc.oneof(
  // An unknown command (never one of ours, never a help flag or --debug, which main strips).
  fc
    .tuple(junk, fc.array(junk, { maxLength: 3 }))
    .filter(([c]) => ![...COMMANDS, 'help', '--help', '-h', '--debug', '--'].includes(c))
    .map(([c, rest]) => [c, ...rest]),
  fc.constantFrom(...COMMANDS).chain((command) =>
    fc.tuple(badElement(command), goodParts(command), fc.nat(3)).map(([bad, good, at]) => {
      const tokens = good.flat();
      // The "flag with no value" case must stay last.
      if (bad[0] === '--LAST') return [command, ...SCENARIO_OF[command]!, ...tokens, `--${bad[1]}`];
      const pos = Math.min(at * 2, tokens.length - (tokens.length % 2));
      return [command, ...SCENARIO_OF[command]!, ...tokens.slice(0, pos), ...bad, ...tokens.slice(pos)];
    }),
  ),
);

function assertRefused(run: CapturedRun): void {
  expect(isOneLineRefusal(run), JSON.stringify(run)).toBe(true);
  expect(existsSync(target)).toBe(false);
}

describe('bad input, fuzzed', () => {
  it('any malformed command line: exit 3, one line, no stack, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(badCommandLine, async (argv) => {
        const run = await runMainInProcess(argv, {});
        // --debug may add the stack of an unexpected error, but usage errors have none.
        assertRefused(run);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  const emptyFolder = join(dir, 'empty');
  mkdirSync(emptyFolder);
  const aFile = join(dir, 'a-file.sql');
  writeFileSync(aFile, 'SELECT 1;\n');
  const badEnv = fc.oneof(
    fc.record({ SYNCSIM_SEED: fc.oneof(notAnInteger, outOfSeedRange) }).map((env) => ({ env, commands: ['check'] })),
    fc
      .record({ SYNCSIM_POSTGRES: junk.filter((s) => !['', 'auto', 'url', 'testcontainers', 'embedded'].includes(s)) })
      .map((env) => ({ env, commands: ['check', 'run', 'reproduce'] })),
    fc.constant({ env: { SYNCSIM_POSTGRES: 'url' }, commands: ['check', 'run', 'reproduce'] }),
    fc
      .record({
        DATABASE_URL: fc.oneof(
          junk.filter((s) => s !== '' && !/^postgres(ql)?:\/\/[^/?#]/.test(s)),
          fc.webUrl(),
          fc.constantFrom('postgres://', 'postgresql:///db', 'postgres://:5432/x', 'postgres://h:0/x'),
        ),
        SYNCSIM_POSTGRES: fc.constantFrom(undefined, 'auto', 'url'),
      })
      .map((env) => ({ env, commands: ['check', 'run', 'reproduce'] })),
    fc
      .record({
        SYNCSIM_MIGRATIONS: fc.oneof(
          fc.constantFrom(emptyFolder, aFile, join(dir, 'missing')),
          junk.filter((s) => s !== '').map((s) => join(dir, 'missing', s)),
        ),
      })
      .map((env) => ({ env, commands: ['check', 'run', 'reproduce'] })),
  );

  it('any malformed SYNCSIM_SEED, SYNCSIM_POSTGRES, DATABASE_URL or SYNCSIM_MIGRATIONS: the same contract', async () => {
    await fc.assert(
      fc.asyncProperty(
        badEnv.chain(({ env, commands }) => fc.tuple(fc.constant(env), fc.constantFrom(...commands))),
        async ([env, command]) => {
          const clean: NodeJS.ProcessEnv = Object.fromEntries(
            Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
          );
          const argv = command === 'check' ? ['check', '--junit', target] : [command, 'lost-update', '--json', target];
          const run = await runMainInProcess(argv, clean);
          assertRefused(run);
          // The variable is named (its value is not, when it may hold a password).
          const named = ['SYNCSIM_SEED', 'SYNCSIM_MIGRATIONS', 'DATABASE_URL', 'SYNCSIM_POSTGRES'].find(
            (k) => k in clean,
          );
          expect(run.stderr).toContain(named);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('any migration folder Postgres rejects: the same contract, naming the file', async () => {
    const server = { DATABASE_URL: inject('syncsimPostgres').adminUrl, SYNCSIM_POSTGRES: 'url' };
    const fileName = fc.stringMatching(/^[0-9]{3}_[a-z]{1,8}$/);
    // A broken statement after anything: unterminated quotes and comments are errors too.
    const brokenSql = fc
      .tuple(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          'CREATE TABEL x (id int);',
          'SELECT * FROM',
          'INSERT INTO nowhere VALUES (1);',
          "SELECT 'unterminated",
        ),
      )
      .map(([before, broken]) => `${before}\n${broken}\n`);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fileName, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        brokenSql,
        fc.constantFrom('run', 'reproduce', 'check'),
        async (names, which, sql, command) => {
          const folder = mkdtempSync(join(dir, 'migrations-'));
          const bad = names[which % names.length]!;
          for (const name of names)
            writeFileSync(join(folder, `${name}.sql`), name === bad ? sql : `CREATE TABLE t_${name} (id int);\n`);
          writeFileSync(join(folder, 'notes.txt'), 'not a migration');
          const argv =
            command === 'check'
              ? ['check', '--migrations', folder, '--junit', target]
              : [command, 'lost-update', '--migrations', folder, '--json', target];
          const run = await runMainInProcess(argv, server);
          assertRefused(run);
          expect(run.stderr).toMatch(/^syncsim: migration \d{3}_[a-z]+\.sql failed/);
        },
      ),
      { seed: SEED, numRuns: 6 },
    );
  });
});
