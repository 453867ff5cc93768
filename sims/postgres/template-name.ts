// Templates are named by content so a run can tell from the name alone whether the migrated
// schema it needs already exists (and concurrent runs agree on which database to build).
import type { Migrations } from './load-migrations.ts';

/** syncsim_tpl_<first 12 hex of the migrations hash>. */
export function templateName(migrations: Pick<Migrations, 'hash'>): string {
  return `syncsim_tpl_${migrations.hash.slice(0, 12)}`;
}
