// `syncsim check` starts the run's server and builds the template itself, before vitest starts:
// a broken migration then fails once, in one line, instead of once per test file, and the
// command that owns the server can stop it on Ctrl-C. vitest's global setup runs in the same
// process and takes the prepared server from here instead of starting a second one.
import type { PostgresServer } from './postgres-server.ts';

export interface PreparedPostgres {
  server: PostgresServer;
  migrationsDir: string;
  template: string;
}

// A global symbol, not a module variable: the global setup is loaded through vitest's module
// runner, which gives it its own copy of this module.
const KEY = Symbol.for('syncsim.preparedPostgres');
const slot = globalThis as { [KEY]?: PreparedPostgres };

export function handOverPostgres(prepared: PreparedPostgres | undefined): void {
  if (prepared) slot[KEY] = prepared;
  else delete slot[KEY];
}

/** The server `syncsim check` prepared, if this run is one (the caller must not stop it). */
export function preparedPostgres(): PreparedPostgres | undefined {
  return slot[KEY];
}
