/**
 * The engine's connections take the embedded server's Unix socket when it has one on this
 * machine, and keep the TCP URL otherwise.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { useTestDatabase } from '../postgres/use-test-database.ts';
import { localSocketUrl } from './local-socket-url.ts';

const TCP = 'postgres://postgres@127.0.0.1:5999/syncsim_db?sslmode=disable';
const settings = (dirs: string, port = '5999') => ({ query: () => Promise.resolve({ rows: [{ dirs, port }] }) });

describe('localSocketUrl', () => {
  it('points the URL at the first directory that holds the socket of that port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syncsim-sock-'));
    writeFileSync(join(dir, '.s.PGSQL.5999'), '');
    const url = new URL(await localSocketUrl(TCP, settings(`/nonexistent-dir, ${dir}`)));
    expect(url.searchParams.get('host')).toBe(dir);
    expect(url.searchParams.get('sslmode')).toBe('disable');
    expect(url.pathname).toBe('/syncsim_db');
  });

  it('keeps the TCP URL without a socket, or with one of another port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syncsim-sock-'));
    writeFileSync(join(dir, '.s.PGSQL.6000'), '');
    expect(await localSocketUrl(TCP, settings(''))).toBe(TCP);
    expect(await localSocketUrl(TCP, settings(dir))).toBe(TCP);
  });

  it('reaches the test server through its socket when it is the embedded one', async () => {
    const { url } = await useTestDatabase();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const local = await localSocketUrl(url, admin);
      const client = new pg.Client({ connectionString: local });
      await client.connect();
      try {
        // inet_server_addr() is NULL on a Unix-socket connection.
        const { rows } = await client.query<{ addr: string | null; db: string }>(
          'SELECT inet_server_addr()::text AS addr, current_database() AS db',
        );
        expect(rows[0]?.db).toBe(new URL(url).pathname.slice(1));
        if (inject('syncsimPostgres').kind === 'embedded') expect(rows[0]?.addr).toBeNull();
      } finally {
        await client.end();
      }
    } finally {
      await admin.end();
    }
  }, 300_000);
});
