/**
 * The session store over the production file system: missing / torn / present are told apart,
 * writes are atomic (temp + rename, no temp left), deletes are idempotent.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSessionFs } from './node-session-fs.ts';
import { parseSessionFileName, sessionFileName } from './session-file-name.ts';
import { SessionStore } from './session-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'syncsim-bot-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const store = new SessionStore(nodeSessionFs(dir));
const key = { phone: '51943001421', channelConnectionId: 7 };

describe('SessionStore on node:fs', () => {
  it('names files as the bot does and parses them back', () => {
    expect(sessionFileName(key)).toBe('whatsapp_51943001421_7.json');
    expect(parseSessionFileName('whatsapp_51943001421_7.json')).toEqual({ ...key, temp: false });
    expect(parseSessionFileName('whatsapp_51943001421_7.json.w1.tmp')).toEqual({ ...key, temp: true });
    expect(parseSessionFileName('notes.txt')).toBeUndefined();
  });

  it('reads missing, then present after an atomic write, then torn', async () => {
    expect(await store.read(key)).toEqual({ kind: 'missing' });
    const session = { flowId: 'promotoras-v2-mw7rpy', state: { step: 2 }, updatedAt: 5 };
    await store.write(key, session);
    expect(readdirSync(dir)).toEqual(['whatsapp_51943001421_7.json']);
    expect(await store.read(key)).toEqual({ kind: 'present', session });
    writeFileSync(join(dir, 'whatsapp_51943001421_7.json'), '{"flowId":"promo');
    expect((await store.read(key)).kind).toBe('torn');
  });

  it('deletes idempotently and refuses paths outside the directory', async () => {
    expect(await store.delete(key)).toBe(true);
    expect(await store.delete(key)).toBe(false);
    await expect(nodeSessionFs(dir).readFile('../etc/passwd')).rejects.toThrow(/not a bare file name/);
  });
});
