// A schema is a folder of *.sql files applied in name order. The hash over names and contents
// names the template database, so any edit, rename, addition or removal of a file yields a
// new template and an unchanged folder reuses the old one.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface Migrations {
  /** Absolute path of the folder. */
  dir: string;
  /** *.sql files, sorted by name (code unit order, independent of locale). */
  files: { name: string; sql: string }[];
  /** sha256 hex over every file's name and contents, in order. */
  hash: string;
}

export async function loadMigrations(dir: string): Promise<Migrations> {
  const absolute = path.resolve(dir);
  let entries: string[];
  try {
    entries = await readdir(absolute);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(
      `migrations folder ${absolute} cannot be read (${code ?? String(error)}); set SYNCSIM_MIGRATIONS to point elsewhere`,
      {
        cause: error,
      },
    );
  }
  const names = entries.filter((name) => name.endsWith('.sql')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) {
    throw new Error(`migrations folder ${absolute} contains no *.sql files; set SYNCSIM_MIGRATIONS to point elsewhere`);
  }
  const files = await Promise.all(
    names.map(async (name) => ({ name, sql: await readFile(path.join(absolute, name), 'utf8') })),
  );
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.name}\0${Buffer.byteLength(file.sql)}\0`);
    hash.update(file.sql);
  }
  return { dir: absolute, files, hash: hash.digest('hex') };
}
