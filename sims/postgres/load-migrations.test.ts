import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchMigrations } from './fixtures/scratch-migrations.ts';
import { loadMigrations } from './load-migrations.ts';

describe('loadMigrations', () => {
  it('reads *.sql in name order and ignores other files', async () => {
    await using folder = await scratchMigrations({
      'b.sql': 'select 2;',
      'a.sql': 'select 1;',
      'B.sql': 'select 0;',
      'notes.md': '#',
    });
    const migrations = await loadMigrations(folder.dir);
    expect(migrations.dir).toBe(path.resolve(folder.dir));
    expect(migrations.files.map((file) => file.name)).toEqual(['B.sql', 'a.sql', 'b.sql']);
    expect(migrations.files[1]?.sql).toBe('select 1;');
    expect(migrations.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hash is stable for the same folder and changes with any content or name change', async () => {
    await using folder = await scratchMigrations({ '001.sql': 'create table t (id int);' });
    const first = (await loadMigrations(folder.dir)).hash;
    expect((await loadMigrations(folder.dir)).hash).toBe(first);
    await folder.write('001.sql', 'create table t (id bigint);');
    const edited = (await loadMigrations(folder.dir)).hash;
    expect(edited).not.toBe(first);

    await using renamed = await scratchMigrations({ '002.sql': 'create table t (id bigint);' });
    expect((await loadMigrations(renamed.dir)).hash).not.toBe(edited);
    await using sameContent = await scratchMigrations({ '001.sql': 'create table t (id bigint);' });
    expect((await loadMigrations(sameContent.dir)).hash).toBe(edited);
  });

  it('a missing or empty folder is an error naming it', async () => {
    await using folder = await scratchMigrations({ 'readme.txt': 'no sql here' });
    await expect(loadMigrations(folder.dir)).rejects.toThrow(`migrations folder ${folder.dir} contains no *.sql files`);
    const missing = path.join(folder.dir, 'nope');
    await expect(loadMigrations(missing)).rejects.toThrow(`migrations folder ${missing} cannot be read (ENOENT)`);
  });
});
