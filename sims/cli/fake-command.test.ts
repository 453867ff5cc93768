/**
 * `syncsim fake stream|motopress` serves the fake as a real HTTP server that the real SDK (or
 * plain fetch) talks to, posts Stream's webhooks to --webhook-url, and stops cleanly on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { resolve } from 'node:path';
import { StreamChat } from 'stream-chat';
import { describe, expect, it, onTestFinished } from 'vitest';
import { answer, wooClient } from '../../fakes/motopress/fixtures/oauth-clients.ts';
import { startWebhookReceiver } from '../../fakes/stream/fixtures/webhook-receiver.ts';

const BIN = resolve(import.meta.dirname, '../../bin/syncsim.js');
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));

describe('syncsim fake stream', () => {
  it('prints URL and credentials, answers the real SDK, and exits 0 on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'fake', 'stream', '--port', '0', '--seed', '3', '--api-key', 'k1', '--api-secret', 's1'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // A failed expectation must not leave the server running.
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    for (let waited = 0; !out.includes('Ctrl-C') && waited < 30_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    const url = /stream fake on (\S+)/.exec(out)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('api key:    k1');

    const client = new StreamChat('k1', 's1', { baseURL: url, disableCache: true });
    const channels = await client.queryChannels({}, {}, { limit: 30, state: false, watch: false });
    expect(channels.length).toBeGreaterThan(0);
    const wrong = new StreamChat('k1', 'not-the-secret', { baseURL: url, disableCache: true });
    await expect(wrong.queryChannels({})).rejects.toThrow(/401|signature|token/i);

    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('stream fake stopped');
  });

  it('--webhook-url: the fake POSTs a message.new signed with the api secret to it', async () => {
    await using receiver = await startWebhookReceiver();
    const child = spawn(
      process.execPath,
      [BIN, 'fake', 'stream', '--port', '0', '--api-key', 'k2', '--api-secret', 's2', '--webhook-url', receiver.url],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    for (let waited = 0; !out.includes('Ctrl-C') && waited < 30_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    const url = /stream fake on (\S+)/.exec(out)?.[1];
    expect(out).toContain(`webhooks:   POST to ${receiver.url}`);

    const client = new StreamChat('k2', 's2', { baseURL: url, disableCache: true });
    await client.upsertUser({ id: 'u1' });
    const channel = client.channel('messaging', 'hooked', { created_by_id: 'u1' } as never);
    await channel.create();
    await channel.sendMessage({ text: 'ping', user_id: 'u1' });
    const hook = await receiver.waitFor((h) => (JSON.parse(h.body) as { type: string }).type === 'message.new');
    expect(JSON.parse(hook.body)).toMatchObject({ cid: 'messaging:hooked', message: { text: 'ping' } });
    expect(hook.headers['x-signature']).toBe(createHmac('sha256', 's2').update(hook.body).digest('hex'));
    expect(client.verifyWebhook(hook.body, hook.headers['x-signature']!)).toBe(true);

    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a --webhook-url that is not an http(s) URL in one line, exit 3', async () => {
    const garbage = await runToExit(['fake', 'stream', '--webhook-url', 'nope']);
    expect([garbage.code, garbage.err.trim()]).toEqual([3, "syncsim: --webhook-url is not a valid URL, got 'nope'"]);
    const ftp = await runToExit(['fake', 'stream', '--webhook-url', 'ftp://example.com/hook']);
    expect([ftp.code, ftp.err.trim()]).toEqual([
      3,
      "syncsim: --webhook-url must be an http or https URL, got 'ftp://example.com/hook'",
    ]);
    const motopress = await runToExit(['fake', 'motopress', '--webhook-url', 'http://127.0.0.1:9/x']);
    expect([motopress.code, motopress.err.trim()]).toEqual([
      3,
      'syncsim: --webhook-url is not a motopress flag (see syncsim fake --help)',
    ]);
  });

  it('rejects an unknown service in one line, exit 3', async () => {
    const { code, err } = await runToExit(['fake', 'slack']);
    expect(code).toBe(3);
    expect(err.trim()).toMatch(/^syncsim: fake needs one service \(stream, motopress\), got 'slack'$/);
  });
});

describe('syncsim fake motopress', () => {
  it("prints URL and credentials, answers plain fetch with key auth, refuses a wrong secret and no key with the plugin's codes, exits 0 on SIGINT", async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'fake',
        'motopress',
        '--port',
        '0',
        '--seed',
        '5',
        '--consumer-key',
        'ck_test',
        '--consumer-secret',
        'cs_test',
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    for (let waited = 0; !out.includes('Ctrl-C') && waited < 30_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    const url = /motopress fake on (\S+)/.exec(out)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toContain('consumer key:    ck_test');
    expect(out).toMatch(/world \(seed 5\): \d+ accommodation types, \d+ accommodations, \d+ bookings/);

    const basic = `Basic ${Buffer.from('ck_test:cs_test').toString('base64')}`;
    const page = await fetch(`${url}/wp-json/mphb/v1/bookings?per_page=5&orderby=id&order=asc`, {
      headers: { Authorization: basic },
    });
    expect(page.status).toBe(200);
    expect(Number(page.headers.get('X-WP-Total'))).toBeGreaterThan(5);
    expect(((await page.json()) as unknown[]).length).toBe(5);
    const wrong = await fetch(`${url}/wp-json/mphb/v1/bookings?consumer_key=ck_test&consumer_secret=nope`);
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe('mphb_rest_authentication_error');
    const anonymous = await fetch(`${url}/wp-json/mphb/v1/bookings`);
    expect(((await anonymous.json()) as { code: string }).code).toBe('mphb_rest_cannot_view');

    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('motopress fake stopped');
  });

  it('--strict-https: a stock WooCommerce client signing with the real time gets in, Basic on plain HTTP does not', async () => {
    const child = spawn(process.execPath, [BIN, 'fake', 'motopress', '--port', '0', '--seed', '5', '--strict-https'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    for (let waited = 0; !out.includes('Ctrl-C') && waited < 30_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    const url = /motopress fake on (\S+)/.exec(out)?.[1] ?? '';
    const key = /consumer key: +(\S+)/.exec(out)?.[1] ?? '';
    const secret = /consumer secret: +(\S+)/.exec(out)?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toContain('refused on plain HTTP (--strict-https)');

    // The client stamps requests with this machine's clock; the server checks them against the
    // wall clock bin/syncsim.js injected, so they agree without either side being told a time.
    const client = wooClient(url, key, secret);
    const page = await answer(client.get('bookings', { per_page: 5, orderby: 'id', order: 'asc' }));
    expect([page.status, (page.body as unknown[]).length]).toEqual([200, 5]);
    expect(page.sentUrl).toMatch(/oauth_timestamp=\d+/);
    const basic = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
    const refused = await fetch(`${url}/wp-json/mphb/v1/bookings`, { headers: { Authorization: basic } });
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([401, 'mphb_rest_cannot_view']);

    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it("refuses the other service's credentials and a lone key, exit 3", async () => {
    const foreign = await runToExit(['fake', 'motopress', '--api-key', 'k']);
    expect(foreign.code).toBe(3);
    expect(foreign.err.trim()).toBe('syncsim: --api-key is not a motopress flag (see syncsim fake --help)');
    const lone = await runToExit(['fake', 'motopress', '--consumer-key', 'ck']);
    expect(lone.code).toBe(3);
    expect(lone.err.trim()).toBe('syncsim: --consumer-key and --consumer-secret go together');
    const strictStream = await runToExit(['fake', 'stream', '--strict-https']);
    expect([strictStream.code, strictStream.err.trim()]).toEqual([
      3,
      'syncsim: --strict-https is not a stream flag (see syncsim fake --help)',
    ]);
  });
});

async function runToExit(args: string[]): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  return { code, err };
}
