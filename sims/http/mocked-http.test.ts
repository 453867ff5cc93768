/**
 * MockedHttp.observe: a listener sees every request a fake answers, whether it was added before
 * the first handler (the server does not exist yet) or after; requests no fake handles reject.
 * MockedHttp.fetch: the engine's direct path answers from the same handlers, not through msw's
 * interceptors, and rejects what none answers.
 */
import { tsImport } from 'tsx/esm/api';
import { http, HttpResponse, RequestHandler } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MockedHttp } from './mocked-http.ts';

describe('MockedHttp.observe', () => {
  const mocked = new MockedHttp();
  afterEach(() => mocked.close());

  it('reports each answered request, to listeners added before and after the server starts', async () => {
    const early: string[] = [];
    const late: string[] = [];
    mocked.observe((request) => early.push(`${request.method} ${new URL(request.url).pathname}`));
    mocked.use(http.post('https://fake.test/items', () => HttpResponse.json({ ok: true })));
    mocked.observe((request) => late.push(`${request.method} ${new URL(request.url).pathname}`));
    const response = await fetch('https://fake.test/items', { method: 'POST', body: '{}' });
    expect(await response.json()).toEqual({ ok: true });
    expect(early).toEqual(['POST /items']);
    expect(late).toEqual(['POST /items']);
  });
});

describe('MockedHttp.fetch', () => {
  const mocked = new MockedHttp();
  afterEach(() => mocked.close());
  const stacks: string[] = [];
  const handler = http.get('https://fake.test/where', () => {
    stacks.push(new Error('where').stack ?? '');
    return HttpResponse.json({ ok: true });
  });

  it('answers from the handlers in use, to observers too, without going through msw interception', async () => {
    const seen: string[] = [];
    mocked.observe((request) => seen.push(new URL(request.url).pathname));
    mocked.use(handler);
    stacks.length = 0;
    expect(await (await mocked.fetch('https://fake.test/where')).json()).toEqual({ ok: true });
    // The same handler reached through the global fetch runs under msw's interceptors: the
    // stack tells the two paths apart.
    expect(await (await fetch('https://fake.test/where')).json()).toEqual({ ok: true });
    expect(stacks).toHaveLength(2);
    expect(stacks[0]).toMatch(/answer-directly/);
    expect(stacks[0]).not.toMatch(/interceptor/i);
    expect(stacks[1]).toMatch(/interceptor/i);
    expect(seen).toEqual(['/where', '/where']);
  });

  it('rejects a request no handler answers: before any handler was added, and after a reset', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(mocked.fetch('https://fake.test/where')).rejects.toThrow(/\[MSW\]/);
      mocked.use(handler);
      expect((await mocked.fetch('https://fake.test/where')).status).toBe(200);
      mocked.reset();
      await expect(mocked.fetch('https://fake.test/where')).rejects.toThrow(/\[MSW\]/);
    } finally {
      quiet.mockRestore();
    }
  });
});

describe('MockedHttp.fetch with handlers from another copy of msw', () => {
  const mocked = new MockedHttp();
  afterEach(() => mocked.close());

  it("answers a handler built by another instance of msw's module, whose classes are not this one's", async () => {
    // The CLI loads a project's scenarios (and the msw their fakes import) through tsx's own
    // module graph, as here; a project may also bring its own msw.
    const other = (await tsImport('msw', import.meta.url)) as typeof import('msw');
    const handler = other.http.get('https://fake.test/other', () => other.HttpResponse.json({ from: 'other' }));
    expect(handler instanceof RequestHandler).toBe(false); // what made the direct path miss it
    mocked.use(handler);
    expect(await (await mocked.fetch('https://fake.test/other')).json()).toEqual({ from: 'other' });
  });
});
