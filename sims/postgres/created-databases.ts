// On a server we do not own (DATABASE_URL) stop() must drop what this process created and
// nothing else. Databases are registered here when created and forgotten when dropped; the
// registry is keyed by server so several servers in one process stay apart.
import type { PostgresServer } from './postgres-server.ts';

const byServer = new WeakMap<PostgresServer, Set<string>>();

export const createdDatabases = {
  add(server: PostgresServer, name: string): void {
    let names = byServer.get(server);
    if (!names) byServer.set(server, (names = new Set()));
    names.add(name);
  },
  delete(server: PostgresServer, name: string): void {
    byServer.get(server)?.delete(name);
  },
  of(server: PostgresServer): string[] {
    return [...(byServer.get(server) ?? [])];
  },
};
