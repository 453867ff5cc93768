/**
 * `--html FILE`: the reported case of each variant as one self-contained HTML page (inline CSS
 * and JS, the data inlined as JSON, nothing fetched), so it opens from file:// and as a CI
 * artifact. At the top of each run: the invariants that broke, with the operations they name,
 * and the one replay line. Below: one lane per actor, then the fakes' webhook deliveries and
 * other callers, then the faults; each operation is a bar from its invoke to its completion,
 * coloured ok / fail / info (pending: never completed); an actor's own `run` is the thin
 * lifeline at the lane's left; the operations a violation names are outlined in red; a fault
 * shades the span it was active over. Hover shows an operation's summary, a click its details
 * (arguments and results as the history already redacted them).
 *
 * The vertical axis is the position in the history, as in Jepsen's timeline.html, not
 * simulated time: the scheduler releases one operation at a time and most take no simulated
 * time, so a time axis would draw them as lines. An operation whose completion directly follows
 * its invoke takes one row; simulated time is printed in the left gutter where it changes.
 *
 * Pure: results in, a string out (html-reporter.ts writes it). No dates, no randomness, so a
 * replay's page is byte-identical.
 */
import type { RunResult } from '../runner/run-result.ts';
import { formatRunLine } from './format-run.ts';
import { drawnReplay, drawnRun } from './drawn-run.ts';
import { preemptionLine } from './preemption-line.ts';
import { xmlEscape } from './junit-reporter.ts';
import { timeline, type Timeline } from './timeline-model.ts';

export interface HtmlTimelineOptions {
  /** The page's heading, e.g. reproduce's `id: title`. */
  title?: string;
  /** How the replay line invokes syncsim (default `npx syncsim`). */
  invocation?: string;
  /** The replay line of a run, when it is not `run`'s (a diff's sides replay with `diff`). */
  replay?: (result: RunResult) => string;
}

/** One run as the page's script draws it (short keys: 10,000 operations are a few MB). */
interface RunData {
  lanes: Array<{ name: string; kind: string; hit?: 1 }>;
  rows: number;
  /** [row, simulated ms] where the time changes. */
  ticks: Array<[number, number]>;
  ops: OpData[];
  faults: FaultData[];
  /** Names of the broken invariants, drawn as a line after the last row (where they were checked). */
  broken: string[];
}

interface OpData {
  /** Operation id (history index of the invoke). */
  i: number;
  /** Lane, first and last row, slot within the lane (overlapping operations of one lane). */
  l: number;
  a: number;
  b: number;
  s?: number;
  o: string;
  sys: string;
  n: string;
  /** Label drawn in the bar, when it is not the SQL or the operation as they are (saves the bytes of a second copy). */
  x?: string;
  t0: number;
  t1: number;
  /** The actor when the lane is not named after it (a webhook lane). */
  actor?: string;
  /** An actor's `run`: drawn as the lane's lifeline. */
  life?: 1;
  /** Named by a violation. */
  h?: 1;
  args?: unknown;
  res?: unknown;
  err?: string;
}

interface FaultData {
  k: string;
  t: string;
  op?: number;
  a: number;
  b: number;
  /** A crash shades its actor's lane (from the crash to the end) rather than every lane. */
  lane?: number;
}

export function htmlTimeline(results: readonly RunResult[], options: HtmlTimelineOptions = {}): string {
  const title =
    options.title ?? (results.length === 1 ? `${results[0]!.scenario}:${results[0]!.variant}` : 'syncsim runs');
  const nav =
    results.length > 1
      ? `<nav>${results
          .map(
            (r, i) =>
              `<a href="#run-${i}" class="${r.status}">${esc(`${r.scenario}:${r.variant}`)} <span>${r.status}</span></a>`,
          )
          .join(' ')}</nav>`
      : '';
  const sections = results.map((result, index) => section(result, index, options)).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>syncsim timeline: ${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>syncsim timeline: ${esc(title)}</h1>
${nav}
${sections}
<div id="tip" hidden></div>
<aside id="details" hidden><button class="close" title="close (Esc)">&times;</button><pre></pre></aside>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function section(reported: RunResult, index: number, options: HtmlTimelineOptions): string {
  // The caller's replay line is asked for the run it passed (it may look runs up by identity).
  const replay = options.replay?.(reported) ?? drawnReplay(reported, options.invocation);
  const result = drawnRun(reported);
  const model = timeline(result);
  const data = runData(result, model);
  const violations = model.hits
    .map((hit) => {
      const lanes = hit.lanes.map((lane) => model.lanes[lane]!.name).join(', ');
      const named =
        hit.ops.length > 0
          ? `highlighted: ${hit.ops.length} operation${hit.ops.length === 1 ? '' : 's'} touching ${hit.names.join(', ')} (${lanes})`
          : hit.names.length > 0
            ? `no operation touches ${hit.names.join(', ')}`
            : 'names no entity the history can be searched for';
      return `<li class="violation"><b>${esc(hit.violation.invariant)}</b>: ${esc(hit.violation.message)} <span class="named">${esc(named)}</span></li>`;
    })
    .join('');
  const facts: Array<[string, string | undefined]> = [
    ['counterexample', result.counterexample],
    [
      'shrunk from',
      result.firstFailure !== undefined && result.firstFailure !== result.counterexample
        ? result.firstFailure
        : undefined,
    ],
    ['schedule', result.minimal ? preemptionLine(result.minimal) : undefined],
    ['found after phase', result.status === 'broken' ? result.phase : undefined],
    ['also broken by other cases', result.alsoBroken?.join(', ')],
    ['fault plan', result.faultPlan],
    ['faults fired', faultsFired(result.faultsInjected ?? [])],
    ['error', result.error],
    ['history', `${model.ops.length} operations, ${model.events} events, ${model.endTime} ms simulated`],
  ];
  const dl = facts
    .filter((fact): fact is [string, string] => fact[1] !== undefined)
    .map(([name, value]) => `<dt>${esc(name)}</dt><dd>${esc(value)}</dd>`)
    .join('');
  return `<section class="run" id="run-${index}" data-run="${index}" data-status="${result.status}">
<header>
<h2>${esc(`${result.scenario}:${result.variant}`)} <span class="status ${result.status}">${result.status.toUpperCase()}</span></h2>
<p class="summary">${esc(formatRunLine(result))}</p>
${violations ? `<ul class="violations">${violations}</ul>` : ''}
<p class="replay">replay: <code>${esc(replay)}</code> <button class="copy" type="button">copy</button></p>
<dl>${dl}</dl>
</header>
<div class="toolbar"><span class="legend"><i class="ok"></i>ok <i class="fail"></i>fail <i class="info"></i>info (outcome unknown) <i class="pending"></i>pending <i class="hit"></i>named by a violation <i class="faulted"></i>fault active</span>
<span class="controls"><button type="button" class="zoom-out" title="shorter rows">&minus;</button><button type="button" class="zoom-in" title="taller rows">+</button>${model.hits.some((h) => h.ops.length > 0) ? '<button type="button" class="next-hit">next highlighted</button>' : ''}</span></div>
<div class="scroller"><div class="lane-heads"></div><div class="canvas"></div></div>
<script type="application/json" class="timeline-data">${json(data)}</script>
</section>`;
}

/** Every fault when they are few; else the count of each kind (the faults lane has them all). */
function faultsFired(faults: readonly string[]): string | undefined {
  if (faults.length === 0) return undefined;
  if (faults.length <= 5) return faults.join('; ');
  const kinds = new Map<string, number>();
  for (const fault of faults) {
    const kind = fault.split(' ')[0]!;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const counts = [...kinds].map(([kind, count]) => `${count} ${kind}`).join(', ');
  return `${faults.length} (${counts}): each in the faults lane`;
}

function runData(result: RunResult, model: Timeline): RunData {
  // Rows: every event starts a row, except a completion that directly follows its own invoke.
  const rowOf: number[] = [];
  let row = -1;
  for (const event of result.history) {
    const follows = event.type !== 'invoke' && event.op === event.index - 1;
    if (!follows) row++;
    rowOf.push(row);
  }
  const rows = row + 1;
  const last = Math.max(0, rows - 1);
  const rowAt = (index: number) => (index >= rowOf.length ? last : rowOf[index]!);

  const ticks: Array<[number, number]> = [];
  let shown = -1;
  let lastTick = -2;
  for (const event of result.history) {
    const at = rowOf[event.index]!;
    if (event.time !== shown && at > lastTick) {
      ticks.push([at, event.time]);
      shown = event.time;
      lastTick = at;
    }
  }

  const hit = new Set(model.hits.flatMap((h) => h.ops));
  const hitLanes = new Set(model.hits.flatMap((h) => h.lanes));
  // Overlapping operations of one lane (Promise.all inside an actor, webhook retries) side by side.
  const slotEnds = new Map<number, number[]>();
  const ops = model.ops.map((op): OpData => {
    const a = rowAt(op.id);
    const b = rowAt(op.end);
    const life = op.system === 'actor';
    let slot = 0;
    if (!life) {
      const ends = slotEnds.get(op.lane) ?? [];
      slot = ends.findIndex((end) => end < a);
      if (slot < 0) slot = ends.length;
      ends[slot] = b;
      slotEnds.set(op.lane, ends);
    }
    return {
      i: op.id,
      l: op.lane,
      a,
      b,
      ...(slot > 0 ? { s: slot } : {}),
      o: op.outcome,
      sys: op.system,
      n: op.operation,
      ...(op.label !== ((op.args as { sql?: unknown } | undefined)?.sql ?? op.operation) ? { x: op.label } : {}),
      t0: op.startTime,
      t1: op.endTime,
      ...(model.lanes[op.lane]!.name !== op.actor ? { actor: op.actor } : {}),
      ...(life ? { life: 1 as const } : {}),
      ...(hit.has(op.id) ? { h: 1 as const } : {}),
      ...(op.args !== undefined ? { args: op.args } : {}),
      ...(op.result !== undefined ? { res: op.result } : {}),
      ...(op.error !== undefined ? { err: op.error } : {}),
    };
  });
  const laneOfActor = new Map(model.lanes.map((lane, index) => [lane.name, index]));
  return {
    lanes: model.lanes.map((lane, index) => ({
      name: lane.name,
      kind: lane.kind,
      ...(hitLanes.has(index) ? { hit: 1 as const } : {}),
    })),
    rows,
    ticks,
    ops,
    faults: model.faults.map((fault) => ({
      k: fault.kind,
      t: fault.text,
      ...(fault.op !== undefined ? { op: fault.op } : {}),
      a: rowAt(fault.from),
      b: rowAt(Math.max(fault.from, fault.to)),
      ...(fault.kind === 'crash' && laneOfActor.has(fault.actor) ? { lane: laneOfActor.get(fault.actor)! } : {}),
    })),
    broken: result.status === 'broken' ? result.broken : [],
  };
}

/** JSON inside a <script> element: `<` escaped, so no value can close the element. */
function json(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

// HTML text and attribute values need exactly what XML does (and no terminal colours either).
const esc = xmlEscape;

const CSS = `
:root { --ok: #6db6fe; --fail: #feb5da; --info: #ffaa26; --pending: #d9d9d9; --hit: #d0021b; --fault: rgba(229, 57, 53, 0.13); }
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; background: #fff; }
h1 { font-size: 16px; margin: 0; padding: 10px 16px; background: #24292f; color: #fff; }
nav { padding: 6px 16px; background: #f3f4f6; border-bottom: 1px solid #ddd; }
nav a { margin-right: 12px; color: #0550ae; text-decoration: none; }
nav a span { font-size: 11px; color: #555; }
section.run { border-bottom: 3px solid #24292f; }
section.run > header { padding: 8px 16px 4px; }
h2 { font-size: 15px; margin: 4px 0; }
.status { font-size: 11px; padding: 1px 6px; border-radius: 3px; color: #fff; background: #57606a; vertical-align: middle; }
.status.broken { background: var(--hit); }
.status.held { background: #1a7f37; }
.status.inconclusive { background: #9a6700; }
.summary { margin: 2px 0; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: #444; }
ul.violations { margin: 4px 0; padding-left: 18px; }
li.violation { color: var(--hit); }
li.violation b { font-family: ui-monospace, Menlo, Consolas, monospace; }
li.violation .named { color: #555; font-size: 12px; }
p.replay { margin: 6px 0; }
p.replay code { font-family: ui-monospace, Menlo, Consolas, monospace; background: #f6f8fa; border: 1px solid #d0d7de; padding: 2px 6px; border-radius: 4px; user-select: all; }
button { font: inherit; font-size: 12px; cursor: pointer; border: 1px solid #d0d7de; background: #f6f8fa; border-radius: 4px; padding: 1px 8px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; margin: 4px 0; font-size: 12px; }
dt { color: #57606a; }
dd { margin: 0; font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
.toolbar { display: flex; justify-content: space-between; gap: 12px; padding: 4px 16px; background: #f6f8fa; border-top: 1px solid #ddd; font-size: 12px; }
.legend i { display: inline-block; width: 14px; height: 10px; margin: 0 3px 0 10px; border: 1px solid #999; vertical-align: middle; }
.legend i.ok { background: var(--ok); } .legend i.fail { background: var(--fail); } .legend i.info { background: var(--info); }
.legend i.pending { background: repeating-linear-gradient(45deg, var(--pending) 0 3px, #fff 3px 6px); }
.legend i.hit { border: 2px solid var(--hit); } .legend i.faulted { background: var(--fault); border-color: #e53935; }
.controls button { margin-left: 4px; }
.scroller { position: relative; overflow: auto; max-height: 85vh; }
.lane-heads { position: sticky; top: 0; z-index: 3; height: 26px; background: #fff; border-bottom: 1px solid #bbb; }
.lane-head, .gutter-head { position: absolute; top: 0; height: 26px; padding: 4px 6px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.gutter-head { left: 0; color: #777; font-weight: 400; font-size: 11px; }
.lane-head.webhooks, .lane-head.fake { color: #6f42c1; }
.lane-head.faults { color: #c62828; }
.lane-head.faults.none { color: #8c959f; font-weight: 400; }
.lane-head.hit { color: var(--hit); box-shadow: inset 0 -3px var(--hit); }
.canvas { position: relative; }
.lane-bg { position: absolute; top: 0; border-left: 1px solid #e5e5e5; }
.lane-bg.odd { background: #fafafa; }
.tick { position: absolute; left: 0; width: 60px; padding-left: 6px; font-size: 10px; color: #777; border-top: 1px dotted #ccc; white-space: nowrap; }
.op { position: absolute; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font: 11px/16px ui-monospace, Menlo, Consolas, monospace; padding: 0 4px; border: 1px solid rgba(0,0,0,0.25); border-radius: 2px; cursor: pointer; z-index: 1; }
.op:hover { filter: brightness(0.92); z-index: 2; }
.op.ok { background: var(--ok); } .op.fail { background: var(--fail); } .op.info { background: var(--info); }
.op.pending { background: repeating-linear-gradient(45deg, var(--pending) 0 4px, #fff 4px 8px); }
.op.life { width: 6px; padding: 0; border-radius: 3px; opacity: 0.75; }
.op.hit { border: 2px solid var(--hit); box-shadow: 0 0 0 2px rgba(208, 2, 27, 0.25); font-weight: 700; }
.op.selected { outline: 2px dashed #000; outline-offset: 1px; }
.canvas.small .op:not(.life) { font-size: 0; }
.fault-band { position: absolute; background: repeating-linear-gradient(-45deg, var(--fault) 0 6px, rgba(229,57,53,0.05) 6px 12px); border-top: 1px solid rgba(229,57,53,0.5); border-bottom: 1px solid rgba(229,57,53,0.5); pointer-events: none; z-index: 0; }
.fault { position: absolute; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font: 11px/16px ui-monospace, Menlo, Consolas, monospace; padding: 0 4px; background: #ffcdd2; border: 1px solid #e53935; border-radius: 2px; color: #b71c1c; cursor: pointer; z-index: 1; }
.broken-line { position: absolute; border-top: 2px solid var(--hit); color: var(--hit); font-size: 11px; padding: 2px 6px; white-space: nowrap; }
#tip { position: fixed; z-index: 10; max-width: 560px; background: #24292f; color: #fff; padding: 6px 8px; border-radius: 4px; font: 11px/1.45 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-all; pointer-events: none; }
#details { position: fixed; z-index: 11; right: 0; top: 0; bottom: 0; width: min(560px, 90vw); background: #fff; border-left: 2px solid #24292f; box-shadow: -4px 0 12px rgba(0,0,0,0.15); overflow: auto; }
#details pre { margin: 0; padding: 12px; font: 12px/1.45 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-all; }
#details .close { position: sticky; top: 6px; float: right; margin: 6px; font-size: 16px; }
`;

// The page's script: draws every run's lanes and bars from its JSON, then handles hover, click,
// zoom and the copy button. Plain ES2019, no library: it runs from file:// with no network.
// Only the rows around the visible window are in the DOM (redrawn as the timeline scrolls), so
// a history of 10,000 operations loads as fast as a short one.
const SCRIPT = `
(function () {
  'use strict';
  var GUTTER = 64, SLOT = 10, HEAD = 26, LONG = 64;
  var rowH = 18;
  var esc = function (s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); };
  var short = function (v, n) { if (v === undefined) return ''; var s = typeof v === 'string' ? v : JSON.stringify(v); return s.length > n ? s.slice(0, n) + '...' : s; };
  // First index in a list sorted by key(item) whose key is >= value.
  var lowerBound = function (list, value, key) { var lo = 0, hi = list.length; while (lo < hi) { var mid = (lo + hi) >> 1; if (key(list[mid]) < value) lo = mid + 1; else hi = mid; } return lo; };
  var label = function (op) { return op.x !== undefined ? op.x : op.args && typeof op.args.sql === 'string' ? op.args.sql : op.n; };
  var tip = document.getElementById('tip');
  var panel = document.getElementById('details');
  var runs = Array.prototype.map.call(document.querySelectorAll('section.run'), function (section) {
    var data = JSON.parse(section.querySelector('script.timeline-data').textContent);
    var run = { section: section, data: data, byId: new Map(), short: [], long: [], hits: [], scroller: section.querySelector('.scroller'), canvas: section.querySelector('.canvas') };
    // Operations come in invoke order, so by first row: short ones are found by binary search,
    // the few long ones (lifelines, calls left pending) are checked one by one.
    data.ops.forEach(function (op) {
      run.byId.set(op.i, op);
      (op.b - op.a > LONG ? run.long : run.short).push(op);
      if (op.h && !op.life) run.hits.push(op);
    });
    var pending = false;
    run.scroller.addEventListener('scroll', function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; draw(run, false); });
    }, { passive: true });
    return run;
  });

  function layout(run) {
    // Lanes share the width they are given, between 150 and 240 px each (then the timeline scrolls).
    var d = run.data, lanes = d.lanes.length + 1;
    var LANE = run.lane = Math.max(150, Math.min(240, Math.floor((run.scroller.clientWidth - GUTTER) / lanes)));
    var width = GUTTER + lanes * LANE, height = Math.max(1, d.rows) * rowH;
    var heads = ['<div class="gutter-head" title="simulated time">time</div>'];
    d.lanes.forEach(function (lane, i) {
      heads.push('<div class="lane-head ' + lane.kind + (lane.hit ? ' hit' : '') + '" data-lane="' + esc(lane.name) + '" style="left:' + (GUTTER + i * LANE) + 'px;width:' + LANE + 'px" title="' + esc(lane.name + ' (' + lane.kind + ')' + (lane.hit ? ': touches what a violation names' : '')) + '">' + esc(lane.name) + '</div>');
    });
    heads.push('<div class="lane-head faults' + (d.faults.length ? '' : ' none') + '" data-lane="faults" style="left:' + (GUTTER + d.lanes.length * LANE) + 'px;width:' + LANE + 'px">faults' + (d.faults.length ? ' (' + d.faults.length + ')' : ': none fired') + '</div>');
    var headEl = run.section.querySelector('.lane-heads');
    headEl.style.width = width + 'px';
    headEl.innerHTML = heads.join('');
    var parts = [];
    for (var i = 0; i < lanes; i++) parts.push('<div class="lane-bg' + (i % 2 ? ' odd' : '') + '" style="left:' + (GUTTER + i * LANE) + 'px;width:' + LANE + 'px;height:' + height + 'px"></div>');
    if (d.broken.length) parts.push('<div class="broken-line" style="top:' + (height + 2) + 'px;left:' + GUTTER + 'px;width:' + (width - GUTTER) + 'px">broke here (checked after the last operation): ' + esc(d.broken.join(', ')) + '</div>');
    parts.push('<div class="bars"></div>');
    run.canvas.style.width = width + 'px';
    run.canvas.style.height = (height + (d.broken.length ? 26 : 4)) + 'px';
    run.canvas.classList.toggle('small', rowH < 12);
    run.canvas.innerHTML = parts.join('');
    run.layer = run.canvas.querySelector('.bars');
    draw(run, true);
  }

  // Draws the rows from two screens above the visible ones to two below, unless those drawn
  // already cover what is visible.
  function draw(run, force) {
    var d = run.data, LANE = run.lane, view = Math.max(run.scroller.clientHeight, 200);
    var top = Math.floor((run.scroller.scrollTop - HEAD) / rowH), bottom = Math.ceil((run.scroller.scrollTop + view) / rowH);
    if (!force && run.drawn && top >= run.drawn[0] && bottom <= run.drawn[1]) return;
    var screen = Math.ceil(view / rowH), r0 = Math.max(0, top - 2 * screen), r1 = bottom + 2 * screen;
    run.drawn = [r0 === 0 ? -Infinity : r0, r1];
    var width = GUTTER + (d.lanes.length + 1) * LANE, parts = [];
    // A time label where the time changes, at least a label's height below the one before.
    for (var t = lowerBound(d.ticks, r0, function (x) { return x[0]; }), shown = -Infinity; t < d.ticks.length && d.ticks[t][0] <= r1; t++) {
      if (d.ticks[t][0] * rowH < shown + 14) continue;
      shown = d.ticks[t][0] * rowH;
      parts.push('<div class="tick" style="top:' + shown + 'px">' + d.ticks[t][1] + ' ms</div>');
    }
    d.faults.forEach(function (f, n) {
      if (f.b < r0 || f.a > r1) return;
      // Clipped to the drawn rows: a crash shades its lane to the end of a long run.
      var a = Math.max(f.a, r0), b = Math.min(f.b, r1);
      var left = f.lane === undefined ? GUTTER : GUTTER + f.lane * LANE, w = f.lane === undefined ? width - GUTTER : LANE;
      parts.push('<div class="fault-band" style="top:' + a * rowH + 'px;height:' + (b - a + 1) * rowH + 'px;left:' + left + 'px;width:' + w + 'px"></div>');
      if (f.a >= r0) parts.push('<div class="fault" data-fault="' + n + '" style="top:' + (f.a * rowH + 1) + 'px;height:' + Math.max(rowH - 2, (Math.min(f.b, f.op === undefined ? f.a : run.byId.get(f.op).b) - f.a + 1) * rowH - 2) + 'px;left:' + (GUTTER + d.lanes.length * LANE + 4) + 'px;width:' + (LANE - 8) + 'px">' + esc(f.t) + '</div>');
    });
    var bar = function (op) {
      var top = op.a * rowH + 1, h = (op.b - op.a + 1) * rowH - 2, cls = 'op ' + op.o + (op.h ? ' hit' : '') + (op.i === run.selected ? ' selected' : '');
      if (op.life) return '<div class="' + cls + ' life" data-op="' + op.i + '" style="top:' + top + 'px;height:' + h + 'px;left:' + (GUTTER + op.l * LANE + 2) + 'px"></div>';
      var inset = 12 + (op.s || 0) * SLOT;
      return '<div class="' + cls + '" data-op="' + op.i + '" style="top:' + top + 'px;height:' + h + 'px;left:' + (GUTTER + op.l * LANE + inset) + 'px;width:' + (LANE - inset - 6) + 'px">' + esc(label(op)) + '</div>';
    };
    run.long.forEach(function (op) { if (op.b >= r0 && op.a <= r1) parts.push(bar(op)); });
    for (var i = lowerBound(run.short, r0 - LONG, function (op) { return op.a; }); i < run.short.length && run.short[i].a <= r1; i++)
      if (run.short[i].b >= r0) parts.push(bar(run.short[i]));
    run.layer.innerHTML = parts.join('');
  }

  function reveal(run, op) {
    run.scroller.scrollTop = HEAD + op.a * rowH - run.scroller.clientHeight / 2;
    run.scroller.scrollLeft = GUTTER + op.l * run.lane - run.scroller.clientWidth / 2;
    run.section.scrollIntoView({ block: 'nearest' });
    draw(run, false);
  }

  function opOf(el) {
    var bar = el.closest && el.closest('.op, .fault');
    if (!bar) return null;
    var run = runs[Number(bar.closest('section.run').getAttribute('data-run'))];
    if (bar.classList.contains('fault')) {
      var f = run.data.faults[Number(bar.getAttribute('data-fault'))];
      return { run: run, fault: f, op: f.op === undefined ? undefined : run.byId.get(f.op) };
    }
    return { run: run, op: run.byId.get(Number(bar.getAttribute('data-op'))) };
  }

  function describe(run, op) {
    var lane = run.data.lanes[op.l].name;
    return '#' + op.i + '  ' + (op.actor || lane) + '  ' + op.sys + ' ' + op.n + '\\n' +
      op.o + '  t=' + op.t0 + (op.t1 !== op.t0 ? '..' + op.t1 : '') + ' ms' + (op.h ? '  (named by a violation)' : '');
  }

  function summary(hit) {
    if (hit.fault && !hit.op) return 'fault: ' + hit.fault.t + '\\n(no operation of that actor matched)';
    var op = hit.op, lines = [describe(hit.run, op)];
    if (hit.fault) lines.unshift('fault: ' + hit.fault.t);
    if (label(op) !== op.n) lines.push(short(label(op), 300));
    if (op.args !== undefined) lines.push('args: ' + short(op.args, 300));
    if (op.err !== undefined) lines.push('error: ' + short(op.err, 300));
    if (op.res !== undefined) lines.push('result: ' + short(op.res, 300));
    lines.push('(click for details)');
    return lines.join('\\n');
  }

  function show(hit) {
    var op = hit.op, text;
    if (!op) text = 'fault ' + hit.fault.t + '\\nno operation of that actor and operation matched it in the history';
    else {
      var detail = { op: op.i, actor: op.actor || hit.run.data.lanes[op.l].name, system: op.sys, operation: op.n, outcome: op.o, time: { invoked: op.t0, completed: op.t1 } };
      if (op.args !== undefined) detail.args = op.args;
      if (op.res !== undefined) detail.result = op.res;
      if (op.err !== undefined) detail.error = op.err;
      if (op.h) detail.namedByViolation = true;
      if (hit.fault) detail.fault = hit.fault.t;
      text = describe(hit.run, op) + '\\n\\n' + JSON.stringify(detail, null, 2);
      runs.forEach(function (run) { run.selected = run === hit.run ? op.i : undefined; });
      Array.prototype.forEach.call(document.querySelectorAll('.op.selected'), function (el) { el.classList.remove('selected'); });
      var bar = hit.run.section.querySelector('.op[data-op="' + op.i + '"]');
      if (bar) bar.classList.add('selected');
      history.replaceState(null, '', '#run-' + hit.run.section.getAttribute('data-run') + '-op-' + op.i);
    }
    panel.querySelector('pre').textContent = text;
    panel.hidden = false;
  }

  document.addEventListener('mouseover', function (e) {
    var hit = opOf(e.target);
    if (!hit) { tip.hidden = true; return; }
    tip.textContent = summary(hit);
    tip.hidden = false;
  });
  document.addEventListener('mousemove', function (e) {
    if (tip.hidden) return;
    var x = e.clientX + 14, y = e.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth) x = Math.max(0, e.clientX - tip.offsetWidth - 14);
    if (y + tip.offsetHeight > window.innerHeight) y = Math.max(0, e.clientY - tip.offsetHeight - 14);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  });
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (t.closest('#details .close')) { panel.hidden = true; return; }
    var hit = opOf(t);
    if (hit) { show(hit); return; }
    var section = t.closest('section.run');
    if (!section) return;
    var run = runs[Number(section.getAttribute('data-run'))];
    if (t.classList.contains('zoom-in') || t.classList.contains('zoom-out')) {
      var row = (run.scroller.scrollTop - HEAD) / rowH;
      rowH = t.classList.contains('zoom-in') ? Math.min(40, rowH + 4) : Math.max(4, rowH - 4);
      runs.forEach(layout);
      run.scroller.scrollTop = HEAD + row * rowH;
    } else if (t.classList.contains('next-hit')) {
      if (!run.hits.length) return;
      run.next = ((run.next === undefined ? -1 : run.next) + 1) % run.hits.length;
      var op = run.hits[run.next];
      reveal(run, op);
      show({ run: run, op: op });
    } else if (t.classList.contains('copy')) {
      var code = section.querySelector('p.replay code');
      var done = function () { t.textContent = 'copied'; };
      var select = function () { var r = document.createRange(); r.selectNodeContents(code); var s = getSelection(); s.removeAllRanges(); s.addRange(r); t.textContent = 'selected: press Ctrl+C'; };
      try { navigator.clipboard.writeText(code.textContent).then(done, select); } catch (err) { select(); }
    }
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') panel.hidden = true; });
  var resizing = false;
  window.addEventListener('resize', function () {
    if (resizing) return;
    resizing = true;
    requestAnimationFrame(function () { resizing = false; runs.forEach(layout); });
  });

  runs.forEach(layout);
  var m = /^#run-(\\d+)-op-(\\d+)$/.exec(location.hash);
  var target = m && runs[Number(m[1])] && runs[Number(m[1])].byId.get(Number(m[2]));
  if (target) { reveal(runs[Number(m[1])], target); show({ run: runs[Number(m[1])], op: target }); }
  document.documentElement.setAttribute('data-rendered', performance.now().toFixed(1));
})();
`;
