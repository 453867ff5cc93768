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
import { fsError, type SessionFs } from './session-fs.ts';
import { parseSession, SessionStore } from './session-store.ts';

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

/**
 * An in-memory SessionFs that logs every call and fails the operations told to: what the store
 * leaves behind and throws is then visible without a real disk.
 */
function memoryFs(failing: Partial<Record<'readFile' | 'writeFile' | 'rename' | 'unlink', string>> = {}) {
  const files = new Map<string, string>();
  const calls: string[] = [];
  const gate = (op: keyof typeof failing, name: string) => {
    calls.push(`${op} ${name}`);
    const code = failing[op];
    if (code) throw fsError(code, op, name);
  };
  // Every call settles later, as a disk's would; a failure rejects.
  const later = <T>(work: () => T) => Promise.resolve().then(work);
  const fs: SessionFs = {
    readFile: (name) =>
      later(() => {
        gate('readFile', name);
        const body = files.get(name);
        if (body === undefined) throw fsError('ENOENT', 'open', name);
        return body;
      }),
    writeFile: (name, data) =>
      later(() => {
        gate('writeFile', name);
        files.set(name, data);
      }),
    rename: (from, to) =>
      later(() => {
        gate('rename', `${from} ${to}`);
        files.set(to, files.get(from)!);
        files.delete(from);
      }),
    unlink: (name) =>
      later(() => {
        gate('unlink', name);
        if (!files.delete(name)) throw fsError('ENOENT', 'unlink', name);
      }),
    readdir: () => later(() => [...files.keys()]),
  };
  return { fs, files, calls };
}

const session = { flowId: 'promotoras-v2-mw7rpy', state: { step: 1 }, updatedAt: 9 };
const NAME = 'whatsapp_51943001421_7.json';

describe('SessionStore writes', () => {
  it('numbers its temp files w1, w2, ... when no tag is given', async () => {
    const { fs, calls, files } = memoryFs();
    const store = new SessionStore(fs);
    await store.write(key, session);
    await store.write(key, session);
    expect(calls.filter((call) => call.startsWith('writeFile'))).toEqual([
      `writeFile ${NAME}.w1.tmp`,
      `writeFile ${NAME}.w2.tmp`,
    ]);
    expect([...files.keys()]).toEqual([NAME]);
  });

  it("uses the writer's own tag for its temp file", async () => {
    const { fs, calls } = memoryFs();
    await new SessionStore(fs, { tempTag: () => 'cleanup-42' }).write(key, session);
    expect(calls[0]).toBe(`writeFile ${NAME}.cleanup-42.tmp`);
  });

  it('a failed rename rejects and leaves no temp file and the old session in place', async () => {
    const { fs, files } = memoryFs({ rename: 'ENOSPC' });
    files.set(NAME, JSON.stringify(session));
    const store = new SessionStore(fs, { tempTag: () => 't' });
    await expect(store.write(key, { ...session, updatedAt: 10 })).rejects.toThrow(/ENOSPC/);
    expect([...files.keys()]).toEqual([NAME]);
    expect(await store.read(key)).toEqual({ kind: 'present', session });
  });
});

describe('SessionStore errors other than a missing file', () => {
  it('a read that fails for another reason rejects instead of reporting missing', async () => {
    const store = new SessionStore(memoryFs({ readFile: 'EACCES' }).fs);
    await expect(store.read(key)).rejects.toMatchObject({ code: 'EACCES' });
  });

  it('a delete that fails for another reason rejects instead of reporting gone', async () => {
    const { fs, files } = memoryFs({ unlink: 'EACCES' });
    files.set(NAME, '{}');
    await expect(new SessionStore(fs).delete(key)).rejects.toMatchObject({ code: 'EACCES' });
    expect(files.has(NAME)).toBe(true);
  });
});

describe('parseSession', () => {
  it('reads a valid session, dropping unknown fields', () => {
    expect(parseSession(JSON.stringify({ ...session, extra: 1 }))).toEqual(session);
  });

  it.each([
    ['null', 'null'],
    ['not JSON', '{"flowId":"promo'],
    ['a number flow id', JSON.stringify({ ...session, flowId: 5 })],
    ['no flow id', JSON.stringify({ state: {}, updatedAt: 9 })],
    ['a string updatedAt', JSON.stringify({ ...session, updatedAt: '9' })],
    ['a string state', JSON.stringify({ ...session, state: 'step 1' })],
    ['a null state', JSON.stringify({ ...session, state: null })],
  ])('is torn (undefined) for %s', (_what, body) => {
    expect(parseSession(body)).toBeUndefined();
  });
});
