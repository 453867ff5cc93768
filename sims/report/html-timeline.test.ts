/**
 * The HTML timeline as a file: self-contained (nothing fetched: no src, no external href or
 * url()), the replay line and the broken invariant at the top, the data inlined so that no
 * value can end its <script> element, byte-identical for the same result. What the page draws
 * is checked in a real browser (html-timeline-browser.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { htmlTimeline } from './html-timeline.ts';
import { sampleRun } from './sample-run.ts';

describe('htmlTimeline', () => {
  const run = sampleRun();
  const html = htmlTimeline([run]);

  it('is one self-contained page: inline CSS and JS, nothing fetched', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/href="(?!#|data:)/i);
    expect(html).not.toMatch(/url\(\s*['"]?(?!data:)[a-z]+:/i);
    expect(html).not.toMatch(/@import/);
    expect(html.match(/<script\b/g)).toHaveLength(2);
  });

  it('puts the broken invariant, what it names and the replay line at the top', () => {
    const top = html.slice(0, html.indexOf('class="scroller"'));
    expect(top).toContain('<b>no-null-unit</b>: booking 42 has no unit');
    expect(top).toContain('highlighted: 3 operations touching externalBookingId=42 (worker-1, worker-2)');
    expect(top).toContain('replay: <code>npx syncsim run sample:before --seed=-5 --path=3:1</code>');
    expect(top).toContain('pg-serialization-failure worker-2 query; http-latency worker-1');
  });

  it('inlines the data so that no value can close its script element', () => {
    const hostile = sampleRun({
      violations: [{ invariant: 'x', message: '<img src=x onerror=alert(1)>', details: { file: '</script><b>' } }],
    });
    hostile.history[2] = { ...hostile.history[2]!, args: { sql: 'SELECT 1 -- </script><script>alert(1)</script>' } };
    const page = htmlTimeline([hostile]);
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const island = /<script type="application\/json" class="timeline-data">(.*?)<\/script>/s.exec(page)![1]!;
    const data = JSON.parse(island) as { ops: Array<{ i: number; args: { sql: string } }> };
    expect(data.ops.find((op) => op.i === 2)!.args.sql).toBe('SELECT 1 -- </script><script>alert(1)</script>');
  });

  it('is a function of the result: the same result gives the same bytes', () => {
    expect(htmlTimeline([sampleRun()])).toBe(html);
  });

  it('several variants (reproduce): one section each, linked from the top', () => {
    const page = htmlTimeline(
      [run, sampleRun({ variant: 'after', status: 'held', met: true, violations: [], broken: [] })],
      {
        title: 'sample: two variants',
      },
    );
    expect(page).toContain('<h1>syncsim timeline: sample: two variants</h1>');
    expect(page).toContain('<a href="#run-1" class="held">sample:after <span>held</span></a>');
    expect(page.match(/<section class="run"/g)).toHaveLength(2);
  });
});
