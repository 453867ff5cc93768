/**
 * `syncsim validate-migration` end to end, in-process against the test run's server: the real
 * migration passes every criterion on incident B's world, the team's script (a user's module,
 * by path) fails the ones the incident says it must, and a module off the contract is one line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isOneLineRefusal, runMainInProcess as syncsim } from './run-main-in-process.ts';

const env = { DATABASE_URL: inject('syncsimPostgres').adminUrl, SYNCSIM_POSTGRES: 'url' };
const dir = mkdtempSync(join(tmpdir(), 'syncsim-valmig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORLD = ['--world', 'legacy-ids-gym-4', '--seed', '1'];
// For the tests about criteria 1-6: a short live-traffic search (criterion 7 has its own tests).
const FEW = ['--runs', '3'];
const verdict = (stdout: string, title: string) =>
  new RegExp(`^\\d\\. (\\S+(?: RUN)?) +${title.replace(/[()]/g, '\\$&')}$`, 'm').exec(stdout)?.[1];

describe('validate-migration', () => {
  it('stream-ids on legacy-ids-gym-4: every criterion passes, exit 0', async () => {
    const run = await syncsim(['validate-migration', 'stream-ids', ...WORLD], env);
    expect(run.stdout).toContain('stream-ids on legacy-ids-gym-4 (scope gym=4, seed 1)');
    for (const title of [
      'dry-run = apply',
      'crash anywhere, then resume',
      'second run is a no-op',
      'scope: outside it unchanged',
      'threshold: stops past it, a later run finishes',
      'domain invariants after the run',
    ])
      expect(verdict(run.stdout, title), title).toBe('PASS');
    // Every step of the uncrashed run crashed before, and every write's response lost.
    expect(run.stdout).toContain('18 steps -> 19 crash points + 7 lost responses + 1 uncrashed = 27 runs');
    // 7: the search ran every case asked, with the app's actors, and says how fast.
    expect(verdict(run.stdout, 'under live traffic')).toBe('PASS');
    expect(run.stdout).toMatch(/^ {5}20 case\(s\) \(20 asked, seed 1\) in [\d.]+ s, [\d.]+ cases\/s;/m);
    // ... and the app's actors did run: 4 a case (3 customers, 1 trainer), some hit by faults.
    expect(Number(/live actor runs: (\d+) finished/.exec(run.stdout)?.[1])).toBeGreaterThan(40);
    // 8: paced under limits that bind (5 room swaps at 2 a minute: 3 windows, floor 120 s).
    expect(verdict(run.stdout, 'rate limits: paced, duration against the floor')).toBe('PASS');
    expect(run.stdout).toMatch(/duration [\d.]+ s, floor 120\.0 s, ratio [\d.]+; 0 request\(s\) refused for rate/);
    expect(run.stdout).toContain('UpdateChannel 5/2 -> 3 window(s)');
    expect(run.stdout).not.toContain('replay:');
    expect(run.code).toBe(0);
  }, 300_000);

  it('a migration that copies each history once passes alone (6) but loses a message under live traffic (7); its replay line replays that case', async () => {
    const module = 'scenarios/incidents/legacy-ids-gym-4/planted/modules/copy-history-then-swap.ts';
    const html = join(dir, 'copy.html');
    const run = await syncsim(['validate-migration', module, ...WORLD, '--html', html], env);
    expect(verdict(run.stdout, 'domain invariants after the run')).toBe('PASS');
    expect(verdict(run.stdout, 'under live traffic')).toBe('FAIL');
    expect(run.stdout).toMatch(/no-message-loss: room \d+: \d+ acknowledged message\(s\) are not in its channel/);
    const replay = /^ {5}replay: syncsim (validate-migration .* --path \S+)$/m.exec(run.stdout)?.[1];
    expect(replay).toBeDefined();
    expect(run.code).toBe(1);
    // The case that lost the message is drawn, with the replay line that replays it alone.
    expect(readFileSync(html, 'utf8')).toContain(`syncsim ${replay!}`);
    const again = await syncsim(replay!.split(' '), env);
    expect(verdict(again.stdout, 'under live traffic')).toBe('FAIL');
    expect(verdict(again.stdout, 'crash anywhere, then resume')).toBe('NOT RUN');
    expect(again.stdout).toMatch(/^ {5}1 case\(s\) \(replay of path \S+\)/m);
    const lost = (stdout: string) => /no-message-loss: .*/.exec(stdout)?.[0];
    expect(lost(again.stdout)).toBe(lost(run.stdout));
    expect(again.code).toBe(1);
  }, 600_000);

  it("a migration that does not pace itself is refused for rate under the world's limits (8), exit 1", async () => {
    const module = 'scenarios/incidents/legacy-ids-gym-4/planted/modules/unpaced-stream-ids.ts';
    const run = await syncsim(['validate-migration', module, ...WORLD, ...FEW], env);
    expect(verdict(run.stdout, 'domain invariants after the run')).toBe('PASS');
    expect(verdict(run.stdout, 'rate limits: paced, duration against the floor')).toBe('FAIL');
    expect(run.stdout).toMatch(/refused for rate: migrate POST \/channels/);
    expect(run.code).toBe(1);
  }, 300_000);

  it("the team's script as a module by path fails crash-resume and no-message-loss, exit 1", async () => {
    const module = 'scenarios/incidents/legacy-ids-gym-4/team-script-migration.ts';
    const [html, trace] = [join(dir, 'team.html'), join(dir, 'team.trace.json')];
    const run = await syncsim(['validate-migration', module, ...WORLD, ...FEW, '--html', html, '--trace', trace], env);
    expect(verdict(run.stdout, 'crash anywhere, then resume')).toBe('FAIL');
    expect(verdict(run.stdout, 'domain invariants after the run')).toBe('FAIL');
    expect(verdict(run.stdout, 'second run is a no-op')).toBe('FAIL');
    expect(run.stdout).toContain(
      'no-message-loss: room 639: 12 acknowledged message(s) are not in its channel room_4_639',
    );
    expect(run.stdout).toContain(
      `replay: syncsim validate-migration ${module} --world legacy-ids-gym-4 --scope gym=4 --seed 1`,
    );
    expect(run.code).toBe(1);
    // The runs behind the failures, drawn: the uncrashed run and crash points, each a section.
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('syncsim timeline: team-script on legacy-ids-gym-4 (scope gym=4, seed 1)');
    expect(page).toContain('legacy-ids-gym-4:uncrashed');
    expect(page).toMatch(/legacy-ids-gym-4:crash before step 1 \(/);
    expect(page).toContain('no-message-loss');
    expect(page).toContain(`syncsim validate-migration ${module} --world legacy-ids-gym-4 --scope gym=4 --seed 1`);
    const events = (JSON.parse(readFileSync(trace, 'utf8')) as { traceEvents: { name?: string }[] }).traceEvents;
    expect(events.filter((e) => e.name === 'process_name').length).toBeGreaterThan(1);
    expect(events.some((e) => e.name?.includes('no-message-loss'))).toBe(true);
  }, 300_000);

  it.each([
    ['rooms-before-users', 'domain invariants after the run', 'members-exist-before-room: gym_4_user_17 joined'],
    [
      'dry-run-skips-existing-users',
      'dry-run = apply',
      'the run wrote user gym_4_user_11, which the dry-run did not print',
    ],
    ['remove-then-add', 'crash anywhere, then resume', 'crash before step 13 (POST /channels/{type}/{id})'],
    ['migrates-every-gym', 'scope: outside it unchanged', 'uncrashed: state outside gym=4 changed'],
  ])(
    'planted-%s is caught by "%s", exit 1',
    async (planted, title, evidence) => {
      const module = `scenarios/incidents/legacy-ids-gym-4/planted/modules/${planted}.ts`;
      const run = await syncsim(['validate-migration', module, ...WORLD, ...FEW], env);
      expect(verdict(run.stdout, title)).toBe('FAIL');
      expect(run.stdout).toContain(evidence);
      expect(run.code).toBe(1);
    },
    300_000,
  );

  it('a module without apply is one line naming it, exit 3, nothing run', async () => {
    const file = join(dir, 'no-apply.mjs');
    writeFileSync(file, "export default { name: 'half', plan: async () => ({ actions: [] }) };\n");
    const run = await syncsim(['validate-migration', file, ...WORLD], env);
    expect(isOneLineRefusal(run)).toBe(true);
    expect(run.stderr).toContain('lacks apply(deps, plan)');
    // Each refusal loads every scenario file first: 13-20 s a command on the loaded VM.
  }, 300_000);

  it('an unknown world, or a path that is no file, is one line, exit 3', async () => {
    const world = await syncsim(['validate-migration', 'stream-ids', '--world', 'no-such-world'], env);
    expect(isOneLineRefusal(world)).toBe(true);
    expect(world.stderr).toContain("unknown scenario 'no-such-world'");
    const missing = await syncsim(['validate-migration', 'nope.ts', ...WORLD], env);
    expect(isOneLineRefusal(missing)).toBe(true);
    expect(missing.stderr).toContain("unknown migration 'nope.ts': neither a built-in (stream-ids) nor a file");
    // The world's invariants judge gym 4: a verdict on gym 1 would be about the wrong gym.
    const scope = await syncsim(['validate-migration', 'stream-ids', ...WORLD, '--scope', 'gym=1'], env);
    expect(isOneLineRefusal(scope)).toBe(true);
    expect(scope.stderr).toContain('legacy-ids-gym-4 can judge a migration of gym 4 only');
  }, 300_000);
});
