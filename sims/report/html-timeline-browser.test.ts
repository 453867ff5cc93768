/**
 * The HTML timeline as a person sees it: `syncsim run lost-update:naive --html --trace` on the
 * test run's server, the page opened from file:// in a real headless Chromium. Its two actor
 * lanes are drawn, with the four racing statements (both reads, both writes of conversation
 * 1001) outlined as named by the violation, the broken invariant and the replay line at the top,
 * details on hover and click, and no console error. A screenshot is kept in test-results/.
 * And a long history: only the rows near the view are in the DOM, and scrolling draws the rest.
 *
 * Needs Chromium (Debian's `chromium`, or SYNCSIM_CHROMIUM) and playwright-core: without them
 * the tests are skipped with one line saying how to get them, except in CI (CI=true), where
 * .ci/run installs Chromium and a skip would hide a broken page.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import { runMainInProcess as syncsim } from '../cli/run-main-in-process.ts';
import { HistoryRecorder } from '../history/history.ts';
import { launchChromium, type Browser } from '../testing/headless-chromium.ts';
import { htmlTimeline } from './html-timeline.ts';
import type { TraceFile } from './perfetto-trace.ts';
import { sampleRun } from './sample-run.ts';

const env = { DATABASE_URL: inject('syncsimPostgres').adminUrl, SYNCSIM_POSTGRES: 'url' };
const dir = mkdtempSync(join(tmpdir(), 'syncsim-html-'));
const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/html-timeline');

let launched: Awaited<ReturnType<typeof launchChromium>> | undefined;
let told = false;
beforeAll(async () => {
  launched = await launchChromium();
});
afterAll(async () => {
  if (launched && 'browser' in launched) await launched.browser.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The browser, or the test is skipped (one line for the file) - failed in CI. */
function chromium(context: TestContext): Browser {
  if (launched && 'browser' in launched) return launched.browser;
  const missing = launched?.missing ?? 'no browser';
  if (process.env['CI'] === 'true') throw new Error(missing);
  if (!told) process.stderr.write(`skipped: the HTML timeline browser tests: ${missing}\n`);
  told = true;
  return context.skip(missing);
}

describe('the HTML timeline in headless Chromium', () => {
  it('lost-update:naive: two actor lanes, the racing statements highlighted, the replay line on top', async (context) => {
    const browser = chromium(context);
    const html = join(dir, 'lost-update.html');
    const trace = join(dir, 'lost-update.trace.json');
    // Seed 7 breaks it with two deliveries of one message each (the README's example).
    const run = await syncsim(['run', 'lost-update:naive', '--seed', '7', '--html', html, '--trace', trace], env);
    expect(run.code, run.stderr).toBe(1);
    // The console's line replays the minimal schedule, and the timeline draws that minimal
    // interleaving, so the page's line is the console's.
    const replay = /replay: (.*)/.exec(run.stdout)![1]!;
    expect(replay).toMatch(/^npx syncsim run lost-update:naive --seed=7 --path=\S+ --schedule=\S+$/);

    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector('html[data-rendered]');

    expect(await page.textContent('p.replay code')).toBe(replay);
    expect(await page.textContent('section.run dl')).toMatch(/schedule minimised: \d+ preemptions? -> 1 /);
    expect(await page.textContent('li.violation b')).toBe('no-lost-update');
    const lanes = await page.$$eval('.lane-head', (heads) =>
      heads.map((h) => [h.getAttribute('data-lane'), h.classList.contains('hit')]),
    );
    expect(lanes).toEqual([
      ['webhook-1', true],
      ['webhook-2', true],
      ['faults', false],
    ]);
    const bars = await page.$$eval('.op', (ops) =>
      ops.map((op) => ({
        text: op.textContent,
        life: op.classList.contains('life'),
        ok: op.classList.contains('ok'),
        hit: op.classList.contains('hit'),
        height: op.getBoundingClientRect().height,
        width: op.getBoundingClientRect().width,
      })),
    );
    // The two actors' lifelines, and their two statements each, all completed ok.
    expect(bars.filter((b) => b.life)).toHaveLength(2);
    const statements = bars.filter((b) => !b.life);
    expect(statements.map((b) => b.text!.split(' ')[0]).sort()).toEqual(['SELECT', 'SELECT', 'UPDATE', 'UPDATE']);
    expect(statements.every((b) => b.ok && b.hit && b.height > 10 && b.width > 100)).toBe(true);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'lost-update-naive.png') });

    await page.hover('.op.hit:not(.life)');
    expect(await page.textContent('#tip')).toMatch(/webhook-\d {2}pg query[\s\S]*params/);
    await page.click('.op.hit:not(.life)');
    expect(await page.textContent('#details pre')).toMatch(/"params": \[\s*1001\s*\]/);

    await page.screenshot({ path: join(SCREENSHOTS, 'lost-update-naive-details.png') });
    expect(errors).toEqual([]);
    await page.close();

    const events = (JSON.parse(readFileSync(trace, 'utf8')) as TraceFile).traceEvents;
    expect(events.filter((e) => e.name === 'thread_name').map((e) => (e.args as { name: string }).name)).toEqual([
      'webhook-1 (actor)',
      'webhook-2 (actor)',
      'faults (faults)',
    ]);
    expect(events.filter((e) => e.ph === 'b')).toHaveLength(6);
    expect(events.filter((e) => e.ph === 'i').map((e) => e.name)).toEqual(['violation no-lost-update']);
  });

  it('a long history: only the rows near the view are drawn, scrolling and "next highlighted" draw the rest', async (context) => {
    const browser = chromium(context);
    let now = 0;
    const h = new HistoryRecorder(() => now);
    const actors = ['a', 'b', 'c'].map((name) => h.invoke(name, 'actor', 'run'));
    for (let i = 0; i < 3000; i++) {
      now++;
      const id = i === 2500 ? 77 : 1000 + i;
      const op = h.invoke(['a', 'b', 'c'][i % 3]!, 'pg', 'query', {
        sql: 'UPDATE t SET n = n + 1 WHERE id = $1',
        params: [id],
      });
      h.complete(op, 'ok', { result: { rowCount: 1, rows: [] } });
    }
    for (const op of actors) h.complete(op, 'ok');
    const file = join(dir, 'long.html');
    const violations = [{ invariant: 'x', message: 'row 77', details: { rowId: 77 } }];
    writeFileSync(
      file,
      htmlTimeline([sampleRun({ history: h.events, faultsInjected: [], violations, broken: ['x'] })]),
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-rendered]');
    const drawn = () => page.$$eval('.op:not(.life)', (ops) => ops.map((op) => op.textContent ?? ''));
    expect((await drawn()).length).toBeLessThan(300);
    expect(await page.evaluate<number>('document.querySelector(".op.hit")')).toBeNull();

    await page.click('button.next-hit');
    expect(await page.textContent('#details pre')).toMatch(/"params": \[\s*77\s*\]/);
    await page.waitForSelector('.op.hit.selected');
    expect(await page.evaluate<string>('location.hash')).toBe('#run-0-op-5003');

    await page.evaluate('document.querySelector(".scroller").scrollTop = 18 * 1500');
    await page.waitForSelector('.op[data-op="3003"]');
    expect((await drawn()).length).toBeLessThan(300);
    await page.close();
    expect(errors).toEqual([]);
  });
});
