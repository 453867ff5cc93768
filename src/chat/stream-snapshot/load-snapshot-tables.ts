/**
 * Writes a snapshot's tables into an empty database (a test database, never production), in
 * SNAPSHOT_TABLES order so every foreign key finds its row. Postgres turns each JSON row into
 * the table's row type itself (json_populate_recordset), so a column's type is the schema's.
 */
import type { Queryable } from '../../db/db.ts';
import { SNAPSHOT_TABLES, type SnapshotTable, type StreamSnapshot } from './stream-snapshot.ts';

export async function loadSnapshotTables(db: Queryable, tables: StreamSnapshot['tables']): Promise<void> {
  for (const name of Object.keys(SNAPSHOT_TABLES) as SnapshotTable[]) {
    const rows = tables[name];
    if (rows.length === 0) continue;
    // Missing columns get the table's defaults (e.g. a snapshot without last_message_at).
    const present = SNAPSHOT_TABLES[name].filter((column) => rows.some((row) => column in row));
    const list = present.join(', ');
    await db.query(
      `INSERT INTO ${name} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${name}, $1::json)`,
      [JSON.stringify(rows)],
    );
  }
}
