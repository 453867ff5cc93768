/**
 * The Stream fake's renderings of HTTP_ANSWER_FAULTS, seen through the real `stream-chat` SDK
 * (what it throws or returns: status, code, message), under both transports the gate uses. Each
 * leaves the store as it was and is recorded `fail` naming the fault, and a plan without them
 * is offered HTTP_FAULTS first, in the same order as before (so it draws the same faults).
 */
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { HTTP_FAULTS } from '../fault-kinds.ts';
import { expectStreamError } from './fixtures/expect-stream-error.ts';
import { fakeStreamApp } from './fixtures/fake-stream-app.ts';
import { RecordingGate, ScriptedFaults } from './fixtures/recording-gate.ts';
import { gateStreamClient, streamFaultCandidates } from './gate-stream-client.ts';
import { STREAM_ANSWER_FAULTS } from './stream-answer-faults.ts';
import { DEFAULT_BASE_URL, streamHandlers } from './stream-handlers.ts';
import { parseGetOrCreate, parseUpsertUsers } from './stream-requests.ts';

type Transport = 'msw server' | 'direct fetch';

function gatedBy(transport: Transport, script: Array<string | undefined>) {
  const app = fakeStreamApp();
  app.fake.store.upsertUsers(parseUpsertUsers({ a: { id: 'a' } }));
  app.fake.store.getOrCreateChannel(parseGetOrCreate('messaging', 'c0', { data: { created_by_id: 'a' } }));
  const gate = new RecordingGate();
  const faults = new ScriptedFaults(script);
  const handlers = streamHandlers(app.fake, DEFAULT_BASE_URL);
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await getResponse(handlers, new Request(input, init));
    if (!response) throw new Error('unhandled');
    return response;
  };
  gateStreamClient(app.client, { gate, actor: 'sync', faults, ...(transport === 'direct fetch' ? { fetch } : {}) });
  return { app, gate, faults };
}

const create = (app: ReturnType<typeof fakeStreamApp>) =>
  app.client.channel('messaging', 'c1', { created_by_id: 'a' } as never).create();
const listRaw = (app: ReturnType<typeof fakeStreamApp>) =>
  app.client.post<unknown>(`${app.client.baseURL}/channels`, { filter_conditions: {}, limit: 30 });
const snapshot = (app: ReturnType<typeof fakeStreamApp>) =>
  JSON.stringify([[...app.fake.store.channels.keys()], [...app.fake.store.users.keys()]]);

describe.each<Transport>(['msw server', 'direct fetch'])('Stream answer faults (%s)', (transport) => {
  it("http-401 is Stream's JSON for an unknown api key: ErrorFromResponse 401 code 2; nothing applied; fail", async () => {
    const { app, gate } = gatedBy(transport, ['http-401']);
    await using _ = app;
    const before = snapshot(app);
    const call = create(app);
    const body = await expectStreamError(call, {
      status: 401,
      code: 2,
      message: 'GetOrCreateChannel failed with error: "api_key not found"',
    });
    expect(body).toMatchObject({ StatusCode: 401, more_info: 'https://getstream.io/chat/docs/api_errors_response' });
    await expect(call).rejects.toThrow('StreamChat error code 2: GetOrCreateChannel failed with error');
    expect(snapshot(app)).toBe(before);
    expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'fail']);
  });

  it("http-403 is a firewall's HTML page: ErrorFromResponse 403 with no code; nothing applied; fail", async () => {
    const { app, gate } = gatedBy(transport, ['http-403']);
    await using _ = app;
    const before = snapshot(app);
    const error = (await create(app).catch((e: unknown) => e)) as {
      name: string;
      status: number;
      code: unknown;
      message: string;
      response: { data: unknown; headers: Record<string, string> };
    };
    expect(error).toMatchObject({ name: 'ErrorFromResponse', status: 403, code: null });
    expect(error.message).toBe('StreamChat error HTTP code: 403');
    expect(error.response.headers['content-type']).toContain('text/html');
    expect(String(error.response.data)).toContain('Access Denied');
    expect(snapshot(app)).toBe(before);
    expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'fail']);
  });

  it('http-200-html: the SDK does not throw, it hands back the HTML text (queryChannels even says []); fail', async () => {
    const { app, gate } = gatedBy(transport, ['http-200-html', 'http-200-html']);
    await using _ = app;
    const before = snapshot(app);
    const data = await listRaw(app);
    expect(typeof data).toBe('string');
    expect(String(data)).toMatch(/^<!DOCTYPE html>/);
    // The trap a caller must not fall into: a page that is not Stream's reads as "no channels".
    expect(await app.client.queryChannels({})).toEqual([]);
    expect(snapshot(app)).toBe(before);
    expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'fail', 'invoke', 'fail']);
    // The answer was served to the caller, but the history says nothing was.
    expect(app.fake.store.channels.size).toBe(1);
  });

  it('http-200-html on a write: nothing is created, and the caller gets the page, not a channel', async () => {
    const { app, gate } = gatedBy(transport, ['http-200-html']);
    await using _ = app;
    const data = await app.client.post<unknown>(`${app.client.baseURL}/channels/messaging/c1/query`, {
      data: { created_by_id: 'a' },
    });
    expect(typeof data).toBe('string');
    expect(app.fake.store.channels.has('messaging:c1')).toBe(false);
    expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'fail']);
  });

  it('http-truncated-json on a read: the real answer cut in half (never parses), the status kept; fail', async () => {
    const { app, gate } = gatedBy(transport, ['http-truncated-json']);
    await using _ = app;
    const before = snapshot(app);
    const data = await listRaw(app);
    expect(typeof data).toBe('string');
    expect(String(data)).toMatch(/^\{"channels":\[\{/);
    expect(() => JSON.parse(String(data)) as unknown).toThrow();
    expect(snapshot(app)).toBe(before);
    expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'fail']);
  });

  it('http-truncated-json is never offered on a write: the create is applied and answered whole', async () => {
    const { app, gate, faults } = gatedBy(transport, ['http-truncated-json']);
    await using _ = app;
    await create(app);
    expect(faults.offered[0]).not.toContain('http-truncated-json');
    expect(app.fake.store.channels.has('messaging:c1')).toBe(true);
    expect(gate.events.map((e) => e.type)).toEqual(['invoke', 'ok']);
  });
});

describe('the candidates the Stream gate offers', () => {
  it('are HTTP_FAULTS first, in their order, then the answer faults: a plan without these draws as before', async () => {
    const { app, faults } = gatedBy('direct fetch', []);
    await using _ = app;
    await create(app);
    await listRaw(app);
    expect(faults.offered).toEqual([
      [...HTTP_FAULTS, 'http-401', 'http-403', 'http-200-html'],
      [...HTTP_FAULTS, ...STREAM_ANSWER_FAULTS],
    ]);
  });

  it('offer a cut body only on the endpoints that only read', () => {
    const cut = (operation: string) => streamFaultCandidates(operation).includes('http-truncated-json');
    expect(['GET /app', 'GET /users', 'GET /tasks/{id}', 'POST /channels'].filter(cut)).toHaveLength(4);
    expect(
      [
        'POST /channels/{type}/{id}/query',
        'POST /channels/{type}/query',
        'POST /channels/{type}/{id}',
        'PATCH /channels/{type}/{id}',
        'DELETE /channels/{type}/{id}',
        'POST /channels/delete',
        'POST /users',
        'POST /nowhere',
      ].filter(cut),
    ).toEqual([]);
  });
});
