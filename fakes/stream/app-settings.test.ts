/**
 * App settings (GET/PATCH /app) on the standalone fake, driven by the real SDK: a webhook URL
 * set with updateAppSettings (or at start) makes the fake POST signed webhooks there, '' turns
 * it off, event_hooks are upserted/deleted as Stream documents, and both routes need server auth.
 */
import { StreamChat } from 'stream-chat';
import { describe, expect, it } from 'vitest';
import { expectStreamError } from './fixtures/expect-stream-error.ts';
import { startWebhookReceiver, type ReceivedWebhook } from './fixtures/webhook-receiver.ts';
import { serveStream, type StreamServer } from './serve-stream.ts';
import { StreamWebhooks } from './stream-webhooks.ts';

const typeOf = (hook: ReceivedWebhook) => (JSON.parse(hook.body) as { type: string }).type;
const sdk = (served: StreamServer, secret = served.apiSecret) =>
  new StreamChat(served.apiKey, secret, { baseURL: served.url, disableCache: true });

/** A user, a channel and one message through the SDK; resolves once the webhooks are out. */
async function chat(served: StreamServer, client: StreamChat, channelId: string, text: string): Promise<void> {
  await client.upsertUser({ id: 'u1' });
  const channel = client.channel('messaging', channelId, { created_by_id: 'u1' } as never);
  await channel.create();
  await channel.sendMessage({ text, user_id: 'u1' });
  await served.webhooks.settled();
}

describe('app settings on the standalone fake', () => {
  it('updateAppSettings({webhook_url}) makes the fake POST signed webhooks there; getAppSettings shows it; "" turns it off', async () => {
    await using receiver = await startWebhookReceiver();
    await using served = await serveStream({ apiKey: 'k', apiSecret: 'the-secret' });
    const client = sdk(served);
    expect((await client.getAppSettings()).app).toMatchObject({ webhook_url: '', event_hooks: [] });

    await client.updateAppSettings({ webhook_url: receiver.url });
    expect((await client.getAppSettings()).app).toMatchObject({ webhook_url: receiver.url });
    await chat(served, client, 'c1', 'hello hooks');
    const hook = await receiver.waitFor((h) => typeOf(h) === 'message.new');
    expect(hook).toMatchObject({ method: 'POST', path: '/hook' });
    expect(JSON.parse(hook.body)).toMatchObject({ cid: 'messaging:c1', message: { text: 'hello hooks' } });
    expect(hook.headers['x-signature']).toBe(StreamWebhooks.sign(hook.body, 'the-secret'));
    expect(client.verifyWebhook(hook.body, hook.headers['x-signature']!)).toBe(true);
    expect(hook.headers).toMatchObject({ 'x-api-key': 'k', 'x-webhook-attempt': '1' });
    expect(hook.headers['x-webhook-id']).toBeTruthy();

    await client.updateAppSettings({ webhook_url: '' });
    const before = receiver.received.length;
    await chat(served, client, 'c2', 'unheard');
    expect(receiver.received.length).toBe(before);
  });

  it('serveStream({webhookUrl}) delivers from the start, but not the seeded world', async () => {
    await using receiver = await startWebhookReceiver();
    await using served = await serveStream({ seed: 3, webhookUrl: receiver.url });
    await served.webhooks.settled();
    expect(served.webhooks.deliveries).toEqual([]);
    const client = sdk(served);
    expect((await client.getAppSettings()).app).toMatchObject({ webhook_url: receiver.url });
    await chat(served, client, 'c1', 'from the start');
    const hook = await receiver.waitFor((h) => typeOf(h) === 'message.new');
    expect(client.verifyWebhook(hook.body, hook.headers['x-signature']!)).toBe(true);
    await expect(serveStream({ webhookUrl: 'ftp://x' })).rejects.toThrow(/http or https/);
  });

  it('event_hooks: an enabled webhook hook gets its event types; hooks are updated by id and deleted when left out', async () => {
    await using receiver = await startWebhookReceiver();
    await using served = await serveStream({});
    const client = sdk(served);
    await client.updateAppSettings({
      event_hooks: [
        { hook_type: 'webhook', enabled: true, event_types: ['message.new'], webhook_url: receiver.url },
        { hook_type: 'sqs', enabled: true, sqs_queue_url: 'https://sqs.example/q' },
      ],
    });
    const { app } = await client.getAppSettings();
    expect(app?.event_hooks).toEqual([
      expect.objectContaining({ hook_type: 'webhook', enabled: true, event_types: ['message.new'] }),
      expect.objectContaining({ hook_type: 'sqs', sqs_queue_url: 'https://sqs.example/q', event_types: [] }),
    ]);
    await chat(served, client, 'c1', 'only messages');
    expect(receiver.received.map(typeOf)).toEqual(['message.new']);

    // Same id, now disabled; the sqs hook is left out, so it goes.
    const id = app!.event_hooks![0]!.id!;
    await client.updateAppSettings({
      event_hooks: [{ id, hook_type: 'webhook', enabled: false, webhook_url: receiver.url }],
    });
    expect((await client.getAppSettings()).app?.event_hooks).toEqual([expect.objectContaining({ id, enabled: false })]);
    await chat(served, client, 'c2', 'not delivered');
    expect(receiver.received.map(typeOf)).toEqual(['message.new']);
  });

  it("bad settings are 400 code 4 in Stream's error body; both routes need server auth (401)", async () => {
    await using served = await serveStream({});
    const client = sdk(served);
    await expectStreamError(client.updateAppSettings({ webhook_url: 'not a url' }), {
      status: 400,
      code: 4,
      message: 'UpdateApp failed with error: "webhook_url is not a valid URL"',
    });
    await expectStreamError(
      client.updateAppSettings({ event_hooks: [{ hook_type: 'webhook', enabled: true, event_types: [] }] }),
      { status: 400, code: 4, message: 'webhook_url is required' },
    );
    await expectStreamError(client.updateAppSettings({ event_hooks: [{ hook_type: 'carrier-pigeon' }] as never }), {
      status: 400,
      code: 4,
      message: 'hook_type must be one of',
    });
    expect((await client.getAppSettings()).app).toMatchObject({ webhook_url: '', event_hooks: [] });

    const wrong = sdk(served, 'not-the-secret');
    await expectStreamError(wrong.getAppSettings(), { status: 401, code: 5 });
    await expectStreamError(wrong.updateAppSettings({ webhook_url: 'http://127.0.0.1:1/x' }), {
      status: 401,
      code: 5,
    });
    expect((await fetch(`${served.url}/app?api_key=${served.apiKey}`)).status).toBe(401);
    expect(served.fake.app.webhookUrl).toBe('');
  });
});
