// Which Postgres a run gets, and why, in the order design.md fixes: an explicit DATABASE_URL,
// then a container runtime if one answers, then the embedded binaries. SYNCSIM_POSTGRES (or
// the caller's mode) forces one; forcing something that cannot work is an error up front,
// not a silent fallback, so CI never tests against a different server than it asked for.
import type { PostgresKind } from './postgres-server.ts';
import type { ContainerRuntimeAnswer } from './has-container-runtime.ts';

export interface PostgresChoice {
  readonly kind: PostgresKind;
  readonly reason: string;
}

const kinds: readonly PostgresKind[] = ['url', 'testcontainers', 'embedded'];

function parseMode(value: string, source: string): 'auto' | PostgresKind {
  if (value === 'auto' || (kinds as readonly string[]).includes(value)) return value as 'auto' | PostgresKind;
  throw new Error(`${source}=${value} is not one of auto, ${kinds.join(', ')}`);
}

export async function choosePostgresKind(
  mode: 'auto' | PostgresKind | undefined,
  env: NodeJS.ProcessEnv,
  probeRuntime: () => Promise<ContainerRuntimeAnswer>,
): Promise<PostgresChoice> {
  const forcedByEnv = env['SYNCSIM_POSTGRES'];
  const effective = mode && mode !== 'auto' ? mode : forcedByEnv ? parseMode(forcedByEnv, 'SYNCSIM_POSTGRES') : 'auto';
  const why = mode && mode !== 'auto' ? `mode '${mode}' requested` : `SYNCSIM_POSTGRES=${forcedByEnv ?? ''}`;
  const databaseUrl = env['DATABASE_URL'];

  switch (effective) {
    case 'url':
      if (!databaseUrl) throw new Error(`${why} but DATABASE_URL is not set`);
      return { kind: 'url', reason: `${why}, using DATABASE_URL` };
    case 'testcontainers': {
      const runtime = await probeRuntime();
      if (!runtime.available) throw new Error(`${why} but no container runtime answers: ${runtime.reason}`);
      return { kind: 'testcontainers', reason: `${why}; ${runtime.reason}` };
    }
    case 'embedded':
      return { kind: 'embedded', reason: why };
    case 'auto': {
      if (databaseUrl) return { kind: 'url', reason: 'DATABASE_URL is set' };
      const runtime = await probeRuntime();
      if (runtime.available) return { kind: 'testcontainers', reason: runtime.reason };
      return { kind: 'embedded', reason: `no DATABASE_URL; no container runtime (${runtime.reason})` };
    }
  }
}
