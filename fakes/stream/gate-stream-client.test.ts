/**
 * gateStreamClient: every SDK request is one gated operation named by its path template, with
 * secrets kept out of the history, and each fault kind behaves as the header of
 * gate-stream-client.ts promises (applied or not; fail or info). All of it twice: through the
 * client's own http adapter (which msw's server intercepts) and through axios's fetch adapter
 * over a fetch that calls the handlers directly (the case engine's path), which must also carry
 * every request.
 */
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectStreamError } from './fixtures/expect-stream-error.ts';
import { fakeStreamApp } from './fixtures/fake-stream-app.ts';
import { RecordingGate, ScriptedFaults } from './fixtures/recording-gate.ts';
import { gateStreamClient, pathTemplate } from './gate-stream-client.ts';
import { DEFAULT_BASE_URL, streamHandlers } from './stream-handlers.ts';
import { parseUpsertUsers } from './stream-requests.ts';

type Transport = 'msw server' | 'direct fetch';

function gatedBy(transport: Transport, script: Array<string | undefined>) {
  const app = fakeStreamApp();
  app.fake.store.upsertUsers(parseUpsertUsers({ a: { id: 'a' } }));
  const gate = new RecordingGate();
  const faults = new ScriptedFaults(script);
  const direct = { requests: 0 };
  const handlers = streamHandlers(app.fake, DEFAULT_BASE_URL);
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    direct.requests++;
    const response = await getResponse(handlers, new Request(input, init));
    if (!response) throw new Error('unhandled');
    return response;
  };
  gateStreamClient(app.client, {
    gate,
    actor: 'sync',
    faults,
    clock: app.clock,
    ...(transport === 'direct fetch' ? { fetch } : {}),
  });
  return { app, gate, faults, direct };
}

const create = (app: ReturnType<typeof fakeStreamApp>) =>
  app.client.channel('messaging', 'c1', { created_by_id: 'a' } as never).create();

it('the direct transport carries every request (the msw server, still listening, answers none)', async () => {
  const { app, gate, direct } = gatedBy('direct fetch', []);
  await using _ = app;
  await create(app);
  await app.client.queryChannels({ cid: 'messaging:c1' });
  await expect(app.client.getTask('missing')).rejects.toMatchObject({ name: 'ErrorFromResponse', status: 404 });
  expect(direct.requests).toBe(3);
  expect(gate.events.filter((e) => e.type === 'invoke')).toHaveLength(3);
});

describe.each<Transport>(['msw server', 'direct fetch'])('gateStreamClient (%s)', (transport) => {
  const gated = (script: Array<string | undefined>) => gatedBy(transport, script);

  it('records each request as one operation named by method and path template, without api_key or token', async () => {
    const { app, gate } = gated([]);
    await using _ = app;
    await create(app);
    await app.client.queryChannels({ cid: 'messaging:c1' });
    expect(gate.events.map((e) => `${e.operation} ${e.type}`)).toEqual([
      'POST /channels/{type}/{id}/query invoke',
      'POST /channels/{type}/{id}/query ok',
      'POST /channels invoke',
      'POST /channels ok',
    ]);
    expect(JSON.stringify(gate.events)).not.toMatch(/api_key|fake-key|eyJ/);
    expect(gate.events[0]!.args).toMatchObject({
      path: '/channels/messaging/c1/query',
      body: { data: { created_by_id: 'a' } },
    });
    expect(gate.events[1]!.result).toEqual({ status: 201 });
  });

  it('http-500/502/503 are real HTTP errors from the fake; the store is untouched; fail', async () => {
    for (const [fault, status] of [
      ['http-500', 500],
      ['http-502', 502],
      ['http-503', 503],
    ] as const) {
      const { app, gate } = gated([fault]);
      await using _ = app;
      const error = (await create(app).catch((e: unknown) => e)) as { status: number; code: number | null };
      expect(error.status).toBe(status);
      expect(error.code).toBe(status === 500 ? -1 : null);
      expect(app.fake.store.channels.size).toBe(0);
      expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'fail']);
    }
  });

  it('http-429 answers code 9 with X-RateLimit-* and Retry-After', async () => {
    const { app } = gated(['http-429']);
    await using _ = app;
    const call = create(app);
    await expectStreamError(call, { status: 429, code: 9 });
    const error = (await call.catch((e: unknown) => e)) as { response: { headers: Record<string, string> } };
    expect(error.response.headers).toMatchObject({
      'x-ratelimit-remaining': '0',
      'x-ratelimit-limit': '60',
      'retry-after': '60',
    });
    expect(app.fake.store.channels.size).toBe(0);
  });

  it('connection-reset rejects like axios (ECONNRESET), not applied, fail', async () => {
    const { app, gate } = gated(['connection-reset']);
    await using _ = app;
    await expect(create(app)).rejects.toMatchObject({ code: 'ECONNRESET', name: 'AxiosError' });
    expect(app.fake.store.channels.size).toBe(0);
    expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'fail']);
  });

  it('client-timeout rejects with ECONNABORTED, not applied, info (the caller cannot know)', async () => {
    const { app, gate } = gated(['client-timeout']);
    await using _ = app;
    await expect(create(app)).rejects.toMatchObject({ code: 'ECONNABORTED' });
    expect(app.fake.store.channels.size).toBe(0);
    expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'info']);
  });

  it('response-lost: the store applies the write, the caller gets ECONNRESET, recorded info', async () => {
    const { app, gate } = gated(['response-lost']);
    await using _ = app;
    await expect(create(app)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(app.fake.store.channels.has('messaging:c1')).toBe(true);
    expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'info']);
  });

  it('http-latency advances the simulated clock; past the client timeout it is delivered but times out (info)', async () => {
    const { app, gate, faults } = gated(['http-latency', 'http-latency']);
    await using _ = app;
    const before = app.clock.now();
    await create(app);
    expect(app.clock.now() - before).toBe(50);
    faults.latencyMs = 5_000;
    await expect(app.client.channel('messaging', 'c2', { created_by_id: 'a' } as never).create()).rejects.toMatchObject(
      { code: 'ECONNABORTED' },
    );
    expect(app.fake.store.channels.has('messaging:c2')).toBe(true);
    expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'ok', 'invoke', 'info']);
  });

  it('decides the fault inside the gated call, once per request, with the operation name', async () => {
    const { app, faults } = gated([]);
    await using _ = app;
    await create(app);
    await app.client.getTask('x').catch(() => undefined);
    expect(faults.asked).toEqual(['POST /channels/{type}/{id}/query', 'GET /tasks/{id}']);
  });

  it('templates paths', () => {
    expect(
      [
        '/channels',
        '/channels/delete',
        '/channels/messaging/query',
        '/channels/messaging/c1',
        '/channels/messaging/c1/message',
        '/users/u1',
        '/users',
        '/tasks/t1',
      ].map(pathTemplate),
    ).toEqual([
      '/channels',
      '/channels/delete',
      '/channels/{type}/query',
      '/channels/{type}/{id}',
      '/channels/{type}/{id}/message',
      '/users/{id}',
      '/users',
      '/tasks/{id}',
    ]);
  });
});
