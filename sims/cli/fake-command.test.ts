/**
 * `syncsim fake stream` serves the fake as a real HTTP server that the real SDK talks to, and
 * stops cleanly on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { StreamChat } from 'stream-chat';
import { describe, expect, it, onTestFinished } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/syncsim.js');
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));

describe('syncsim fake stream', () => {
  it('prints URL and credentials, answers the real SDK, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'fake', 'stream', '--port', '0', '--seed', '3', '--api-key', 'k1', '--api-secret', 's1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // A failed expectation must not leave the server running.
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    for (let waited = 0; !out.includes('Ctrl-C') && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
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

  it('rejects an unknown service in one line, exit 3', async () => {
    const child = spawn(process.execPath, [BIN, 'fake', 'slack'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await new Promise((done) => child.once('exit', done))).toBe(3);
    expect(err.trim()).toMatch(/^syncsim: fake needs one service \(stream;/);
  });
});
