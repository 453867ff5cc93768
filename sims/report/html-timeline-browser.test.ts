/**
 * The HTML timeline as a person sees it: `syncsim run lost-update:naive --html --trace` on the
 * test run's server, the page opened from file:// in a real headless Chromium. Its two actor
 * lanes are drawn, with the four racing statements (both reads, both writes of conversation
 * 1001) outlined as named by the violation, the broken invariant and the replay line at the top,
 * details on hover and click, and no console error. A screenshot is kept in test-results/.
 *
 * Needs Chromium (Debian's `chromium`, or SYNCSIM_CHROMIUM) and playwright-core: without them
 * the test is skipped with one line saying how to get them, except in CI (CI=true), where
 * .ci/run installs Chromium and a skip would hide a broken page.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runMainInProcess as syncsim } from '../cli/run-main-in-process.ts';
import { launchChromium } from '../testing/headless-chromium.ts';
import type { TraceFile } from './perfetto-trace.ts';

const env = { DATABASE_URL: inject('syncsimPostgres').adminUrl, SYNCSIM_POSTGRES: 'url' };
const dir = mkdtempSync(join(tmpdir(), 'syncsim-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/html-timeline');

describe('the HTML timeline in headless Chromium', () => {
  it('lost-update:naive: two actor lanes, the racing statements highlighted, the replay line on top', async (context) => {
    const launched = await launchChromium();
    if ('missing' in launched) {
      if (process.env['CI'] === 'true') throw new Error(launched.missing);
      process.stderr.write(`skipped: the HTML timeline browser test: ${launched.missing}\n`);
      context.skip(launched.missing);
    }
    const { browser } = launched as Exclude<typeof launched, { missing: string }>;
    try {
      const html = join(dir, 'lost-update.html');
      const trace = join(dir, 'lost-update.trace.json');
      // Seed 7 breaks it with two deliveries of one message each (the README's example).
      const run = await syncsim(['run', 'lost-update:naive', '--seed', '7', '--html', html, '--trace', trace], env);
      expect(run.code, run.stderr).toBe(1);
      const replay = /replay: (.*)/.exec(run.stdout)![1]!;
      expect(replay).toMatch(/^npx syncsim run lost-update:naive --seed=7 --path=\S+$/);

      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(html).href);
      await page.waitForSelector('html[data-rendered]');

      expect(await page.textContent('p.replay code')).toBe(replay);
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
    } finally {
      await browser.close();
    }
  });
});
