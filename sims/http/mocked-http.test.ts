/**
 * MockedHttp.observe: a listener sees every request a fake answers, whether it was added before
 * the first handler (the server does not exist yet) or after; requests no fake handles reject.
 */
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
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
