/**
 * Webhooks: signed with X-Signature (the SDK's own verifyWebhook accepts it), X-Webhook-Id
 * stable across retries, X-Webhook-Attempt counting up, retried on failure, delivered through
 * the gate (so they race and are recorded), and to a real URL.
 */
import { StreamChat } from 'stream-chat';
import { describe, expect, it } from 'vitest';
import { API_SECRET, fakeStreamApp } from './fixtures/fake-stream-app.ts';
import { RecordingGate, ScriptedFaults } from './fixtures/recording-gate.ts';
import { startWebhookReceiver } from './fixtures/webhook-receiver.ts';
import { StreamFake } from './stream-fake.ts';
import { parseGetOrCreate, parseUpsertUsers } from './stream-requests.ts';
import { StreamWebhooks } from './stream-webhooks.ts';

interface Received {
  headers: Record<string, string>;
  body: string;
}

const collect =
  (received: Received[], statuses: number[] = []) =>
  async (request: Request) => {
    received.push({ headers: Object.fromEntries(request.headers.entries()), body: await request.text() });
    return new Response(null, { status: statuses.shift() ?? 200 });
  };

describe('Stream webhooks', () => {
  it('delivers message.new and channel.created/updated/deleted, signed so the SDK verifies them', async () => {
    await using app = fakeStreamApp();
    const received: Received[] = [];
    const hooks = new StreamWebhooks(app.fake, { handler: collect(received) });
    await app.client.upsertUser({ id: 'a' });
    const c = app.client.channel('messaging', 'c1', { created_by_id: 'a', gym_id: 'g1' } as never);
    await c.create();
    await c.sendMessage({ text: 'hi', user_id: 'a' });
    await c.update({ name: 'n' } as never);
    await c.delete();
    await hooks.settled();
    expect(received.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual([
      'channel.created',
      'message.new',
      'channel.updated',
      'channel.deleted',
    ]);
    const verifier = new StreamChat('fake-key', API_SECRET);
    for (const r of received) {
      expect(r.headers['x-signature']).toMatch(/^[0-9a-f]{64}$/);
      expect(verifier.verifyWebhook(r.body, r.headers['x-signature']!)).toBe(true);
      expect(new StreamChat('fake-key', 'other').verifyWebhook(r.body, r.headers['x-signature']!)).toBe(false);
      expect(r.headers).toMatchObject({
        'x-webhook-attempt': '1',
        'x-api-key': 'fake-key',
        'content-type': 'application/json',
      });
    }
    expect(new Set(received.map((r) => r.headers['x-webhook-id'])).size).toBe(4);
    expect(JSON.parse(received[1]!.body)).toMatchObject({
      type: 'message.new',
      cid: 'messaging:c1',
      message: { text: 'hi' },
      user: { id: 'a' },
    });
  });

  it('retries a failed delivery with the same X-Webhook-Id and the next attempt number, then gives up', async () => {
    await using app = fakeStreamApp();
    const received: Received[] = [];
    const hooks = new StreamWebhooks(app.fake, {
      handler: collect(received, [500, 503, 200]),
      maxAttempts: 3,
      eventTypes: ['channel.created'],
    });
    app.fake.store.upsertUsers(parseUpsertUsers({ a: { id: 'a' } }));
    app.fake.store.getOrCreateChannel(parseGetOrCreate('messaging', 'c1', { data: { created_by_id: 'a' } }));
    await hooks.settled();
    expect(received.map((r) => r.headers['x-webhook-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(received.map((r) => r.headers['x-webhook-id'])).size).toBe(1);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(hooks.deliveries.map((d) => d.outcome)).toEqual(['failed', 'failed', 'delivered']);

    const failing = new StreamWebhooks(app.fake, {
      handler: () => {
        throw new Error('down');
      },
      maxAttempts: 2,
      eventTypes: ['channel.created'],
    });
    app.fake.store.getOrCreateChannel(parseGetOrCreate('messaging', 'c2', { data: { created_by_id: 'a' } }));
    await failing.settled();
    expect(failing.dropped).toHaveLength(1);
    expect(failing.deliveries.map((d) => d.attempt)).toEqual([1, 2]);
  });

  it('goes through the gate; response-lost delivers AND retries (a duplicate with the same id); connection-reset does not deliver', async () => {
    await using app = fakeStreamApp();
    const received: Received[] = [];
    const gate = new RecordingGate();
    const faults = new ScriptedFaults(['response-lost', 'connection-reset', undefined]);
    const hooks = new StreamWebhooks(app.fake, {
      handler: collect(received),
      gate,
      faults,
      eventTypes: ['channel.created'],
    });
    app.fake.store.upsertUsers(parseUpsertUsers({ a: { id: 'a' } }));
    app.fake.store.getOrCreateChannel(parseGetOrCreate('messaging', 'c1', { data: { created_by_id: 'a' } }));
    await hooks.settled();
    expect(gate.events.map((e) => `${e.operation} ${e.type}`)).toEqual([
      'webhook channel.created invoke',
      'webhook channel.created fail',
      'webhook channel.created invoke',
      'webhook channel.created fail',
      'webhook channel.created invoke',
      'webhook channel.created ok',
    ]);
    expect(received.map((r) => r.headers['x-webhook-attempt'])).toEqual(['1', '3']);
    expect(received[0]!.headers['x-webhook-id']).toBe(received[1]!.headers['x-webhook-id']);
  });

  it('posts to a configured URL over real HTTP', async () => {
    await using receiver = await startWebhookReceiver();
    const fake = new StreamFake({ apiKey: 'k', apiSecret: 's', now: () => 0 });
    const hooks = new StreamWebhooks(fake, { url: receiver.url });
    fake.store.upsertUsers(parseUpsertUsers({ a: { id: 'a' } }));
    fake.store.getOrCreateChannel(parseGetOrCreate('messaging', 'c1', { data: { created_by_id: 'a' } }));
    await hooks.settled();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers['x-signature']).toBe(StreamWebhooks.sign(receiver.received[0]!.body, 's'));
    expect(hooks.deliveries).toEqual([expect.objectContaining({ outcome: 'delivered', status: 200 })]);
  });
});
