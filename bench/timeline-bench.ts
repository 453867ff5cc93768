/**
 * The HTML timeline at 10,000 operations (the order of a case at the default step bound of
 * 20,000): generates a seeded history of that size with what real runs hold (8 actors, their SQL
 * with parameters and rows, HTTP calls to the fakes, webhook deliveries overlapping them, fs
 * writes, failures, unknown outcomes, faults including a crash, a violation naming one booking),
 * writes the page and the Perfetto trace, and prints their sizes, the time to build them, and
 * how long headless Chromium takes to load and draw the page (to the second frame after load).
 *
 * Run: npm run bench:timeline [-- OPERATIONS]   (default 10000; needs chromium for the browser
 * figures, see sims/testing/headless-chromium.ts; without it prints the sizes only)
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HistoryRecorder } from '../sims/history/history.ts';
import { htmlTimeline } from '../sims/report/html-timeline.ts';
import { perfettoTrace } from '../sims/report/perfetto-trace.ts';
import { Rng } from '../sims/rng/rng.ts';
import type { RunResult } from '../sims/runner/run-result.ts';
import { launchChromium, type Browser } from '../sims/testing/headless-chromium.ts';

const operations = Number(process.argv[2] ?? 10_000);
const LOADS = 3;

function syntheticRun(count: number): RunResult {
  const rng = new Rng(20251121);
  let now = 0;
  const h = new HistoryRecorder(() => now);
  const actors = Array.from({ length: 8 }, (_, i) => `sync-worker-${i + 1}`);
  const lifelines = new Map(actors.map((actor) => [actor, h.invoke(actor, 'actor', 'run')]));
  const faults: string[] = [];
  const crashed = new Set<string>();
  let hook: { op: number; left: number } | undefined;
  // One operation per step, plus the crash's own: `count` in all.
  for (let n = 0; n < count - 1; n++) {
    now += 1;
    // A webhook delivery stays open across a few of the workers' calls, as real ones do.
    if (hook && --hook.left === 0) {
      h.complete(hook.op, rng.chance(0.05) ? 'fail' : 'ok', { result: { status: 200 } });
      hook = undefined;
    }
    if (!hook && rng.chance(0.05)) {
      const id = `wh-${n}`;
      hook = {
        op: h.invoke('stream-webhooks', 'stream', 'webhook message.new', { webhook_id: id, attempt: 1 }),
        left: rng.int(2, 6),
      };
      continue;
    }
    const live = actors.filter((actor) => !crashed.has(actor));
    const actor = live[rng.int(0, live.length - 1)]!;
    const booking = rng.int(1, 400);
    const roll = rng.int(1, 100);
    if (roll <= 70) {
      const write = rng.chance(0.4);
      const op = h.invoke(actor, 'pg', 'query', {
        sql: write
          ? 'UPDATE mphb_bookings SET unit_id = $2, status = $3, updated_at = now() WHERE external_booking_id = $1'
          : 'SELECT id, unit_id, status, check_in, check_out FROM mphb_bookings WHERE external_booking_id = $1',
        params: write ? [booking, rng.int(1, 40), 'confirmed'] : [booking],
      });
      if (rng.chance(0.02)) {
        faults.push(`pg-serialization-failure ${actor} query`);
        h.complete(op, 'fail', { error: '40001 syncsim fault: could not serialize access due to concurrent update' });
      } else {
        const rows = write
          ? []
          : [
              {
                id: booking,
                unit_id: rng.int(1, 40),
                status: 'confirmed',
                check_in: '2025-12-01',
                check_out: '2025-12-04',
              },
            ];
        h.complete(op, 'ok', { result: { rowCount: write ? 1 : 1, rows } });
      }
    } else if (roll <= 85) {
      const op = h.invoke(actor, 'motopress', `GET /wp-json/mphb/v1/bookings/${booking}`, {
        query: { context: 'view' },
        headers: { authorization: 'secret' },
      });
      if (rng.chance(0.01)) {
        faults.push(`http-latency ${actor} GET /wp-json/mphb/v1/bookings/${booking}`);
        now += rng.int(1_000, 30_000);
        h.complete(op, 'info', { error: 'timeout of 30000ms exceeded' });
      } else h.complete(op, 'ok', { result: { status: 200, body: { id: booking, status: 'confirmed' } } });
    } else if (roll <= 97) {
      const op = h.invoke(actor, 'stream', 'POST /channels/{type}/{id}/message', {
        channel: `messaging:booking-${booking}`,
        text: `Booking ${booking} confirmed`,
      });
      h.complete(op, rng.chance(0.03) ? 'fail' : 'ok', { result: { status: 201 } });
    } else {
      const op = h.invoke(actor, 'fs', 'writeFile', { name: `sessions/${booking}.json`, bytes: rng.int(100, 4000) });
      h.complete(op, 'ok');
    }
    // One worker crashes three quarters of the way through; its lane stays shaded to the end.
    if (n === Math.floor((count * 3) / 4) && live.length > 1) {
      now += 1;
      const op = h.invoke(actor, 'pg', 'query', { sql: 'COMMIT' });
      h.complete(op, 'info', { error: 'syncsim fault: actor crashed before this operation' });
      h.complete(lifelines.get(actor)!, 'info', { error: 'crashed' });
      faults.push(`crash ${actor} query`);
      crashed.add(actor);
    }
  }
  if (hook) h.complete(hook.op, 'ok', { result: { status: 200 } });
  for (const actor of actors) if (!crashed.has(actor)) h.complete(lifelines.get(actor)!, 'ok');
  return {
    scenario: 'timeline-bench',
    variant: 'synthetic',
    expect: 'breaks',
    status: 'broken',
    met: true,
    seed: 1,
    path: '0',
    cases: 1,
    runs: 1,
    shrinks: 0,
    shrinkCases: 0,
    shrinkStopped: false,
    lockWaits: 0,
    faultPlan: 'pg-serialization-failure@2%, http-latency@1%, crash@1%',
    faultsInjected: faults,
    phase: 'chaos',
    violations: [
      {
        invariant: 'no-null-unit',
        message: 'booking 17 has no unit',
        details: { externalBookingId: 17, unitId: null },
      },
    ],
    broken: ['no-null-unit'],
    history: h.events,
    schedule: [],
  };
}

interface Load {
  total: number;
  drawn: number;
  painted: number;
  bars: number;
}

/** LOADS fresh loads of a page: wall time from goto to painted, and the page's own clock. */
async function loads(browser: Browser, file: string): Promise<Load[]> {
  const measured: Load[] = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const started = performance.now();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-rendered]');
    // The second animation frame after the script ran: layout and first paint are done.
    const painted = await page.evaluate<number>(
      'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))))',
    );
    measured.push({
      total: performance.now() - started,
      drawn: Number(await page.evaluate<string>('document.documentElement.getAttribute("data-rendered")')),
      painted,
      bars: await page.evaluate<number>('document.querySelectorAll(".op").length'),
    });
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    await page.close();
  }
  return measured;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

const dir = mkdtempSync(join(tmpdir(), 'syncsim-timeline-bench-'));
try {
  const run = syntheticRun(operations);
  const ops = run.history.filter((e) => e.type === 'invoke' && e.system !== 'actor').length;
  let started = performance.now();
  const html = htmlTimeline([run]);
  const buildMs = performance.now() - started;
  started = performance.now();
  const trace = JSON.stringify(perfettoTrace([run]));
  const traceMs = performance.now() - started;
  const file = join(dir, 'timeline.html');
  writeFileSync(file, html);
  writeFileSync(join(dir, 'trace.json'), trace);
  console.log(
    `timeline of ${ops} operations (${run.history.length} history events, ${run.faultsInjected!.length} faults)`,
  );
  console.log(`  html:  ${mib(statSync(file).size)}, built in ${buildMs.toFixed(0)} ms`);
  console.log(`  trace: ${mib(Buffer.byteLength(trace))}, built in ${traceMs.toFixed(0)} ms`);

  const launched = await launchChromium();
  if ('missing' in launched) {
    console.log(`  browser: skipped (${launched.missing})`);
  } else {
    const { browser } = launched;
    try {
      // The same page load and measurement on an empty page: what the browser costs by itself.
      const empty = join(dir, 'empty.html');
      writeFileSync(
        empty,
        '<!DOCTYPE html><p>empty</p><script>document.documentElement.setAttribute("data-rendered", performance.now())</script>',
      );
      const timeline = await loads(browser, file);
      const baseline = await loads(browser, empty);
      const line = (what: string, key: keyof Load) => {
        const values = timeline.map((load) => load[key]);
        const base = median(baseline.map((load) => load[key]));
        console.log(
          `    ${what}: ${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')}; an empty page: ${base.toFixed(0)} ms)`,
        );
      };
      console.log(`  chromium ${browser.version()}, ${LOADS} loads from file:// (median; each):`);
      line('goto to painted, seen from node', 'total');
      line('navigation start to drawn (the page script done)', 'drawn');
      line('navigation start to painted (second frame after that)', 'painted');
      console.log(`    bars in the DOM after load: ${timeline[0]!.bars} (only the rows near the view are drawn)`);
    } finally {
      await browser.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
