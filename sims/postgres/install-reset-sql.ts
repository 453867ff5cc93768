// Per-case isolation that survives COMMIT, at the cost of a few DELETEs on near-empty tables.
// Installed into every template (schema `syncsim`, skipped by the reset itself):
//
// syncsim.install_reset() reads the catalog ONCE and (re)generates syncsim.reset(), a
// plpgsql function with one static statement per table, so a reset plans little, scans no
// catalog, and costs one round trip. For every ordinary table in every non-system schema
// (extension-owned tables such as PostGIS's spatial_ref_sys excluded):
//  - `DELETE FROM t;` for every table, then
//  - rows inserted by the migrations themselves (lookup data, a migrations ledger): a copy is
//    kept in syncsim.seed_<n> and put back (INSERT ... OVERRIDING SYSTEM VALUE);
//  - then one `PERFORM setval(...), setval(...)` puts every sequence (identity, serial,
//    free-standing) back to its template value.
// Rows go with session_replication_role = replica (transaction-local, restored before
// returning, so FKs are enforced again right after a reset inside a caller's transaction):
// no FK/RI trigger and no user trigger fires, so delete order and cycles do not matter and
// audit triggers write nothing. That needs a superuser (or, PG 15+, a role granted SET on it).
// Changing that setting flushes the session's plan cache (RI and prepared plans are re-planned
// once after each reset, ~1 ms on the 100-row bench world); deleting in FK order with the
// triggers firing instead was measured ~2-5 ms slower per reset, so replica stays.
// Measured alternatives (bench/postgres-bench.ts and a probe, 100 rows in 11 tables, tmpfs):
// `IF EXISTS (...) THEN DELETE` guards and "setval only when the sequence moved" were both
// slower than doing the DELETE and the setval unconditionally (0.2-0.4 ms per reset), and
// TRUNCATE ... RESTART IDENTITY CASCADE + world was ~13 ms against ~4 ms (relfilenode churn).
// syncsim.reset(hard => true) TRUNCATEs instead of DELETEing (falling back to the DELETEs if
// TRUNCATE is refused): with autovacuum off, deleted rows' pages are never handed back to the
// free space map, tables creep (~200 pages per table after 3000 cases) and every DELETE scans
// them (reset 0.8 -> 1.6 ms over 3000 cases); resetDatabase() asks for a full reset now and then.
// Tables or sequences created AFTER install (a migration scenario running new DDL in a clone)
// are not covered until `SELECT syncsim.install_reset()` is run again in that database.

export const installResetSql = String.raw`
CREATE SCHEMA IF NOT EXISTS syncsim;

CREATE OR REPLACE FUNCTION syncsim.install_reset() RETURNS text
LANGUAGE plpgsql AS $install$
DECLARE
  t record;
  body text := '';
  deletes text := '';
  deletes_fallback text := '';
  truncate_list text[] := '{}';
  restores text := '';
  setvals text[] := '{}';
  cols text;
  has_rows boolean;
  seeded int := 0;
  tables int := 0;
  sequences int := 0;
  lv bigint;
  ic boolean;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c
    WHERE c.relnamespace = 'syncsim'::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'seed\_%'
  LOOP
    EXECUTE format('DROP TABLE syncsim.%I', t.relname);
  END LOOP;

  FOR t IN
    SELECT c.oid, c.relkind, format('%I.%I', n.nspname, c.relname) AS qname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'S') AND c.relpersistence <> 't'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'syncsim')
      AND n.nspname NOT LIKE 'pg\_%'
      AND NOT EXISTS (
        SELECT 1 FROM pg_depend d
        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY c.relkind DESC, n.nspname, c.relname
  LOOP
    IF t.relkind = 'S' THEN
      sequences := sequences + 1;
      EXECUTE format('SELECT last_value, is_called FROM %s', t.qname) INTO lv, ic;
      setvals := setvals || format('setval(%L, %s, %L)', t.qname, lv, ic);
      CONTINUE;
    END IF;
    tables := tables + 1;
    deletes := deletes || format(E'    DELETE FROM %s;\n', t.qname);
    deletes_fallback := deletes_fallback || format(E'      DELETE FROM %s;\n', t.qname);
    truncate_list := truncate_list || t.qname;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', t.qname) INTO has_rows;
    IF has_rows THEN
      seeded := seeded + 1;
      SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
      FROM pg_attribute a
      WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';
      EXECUTE format('CREATE TABLE syncsim.%I AS SELECT %s FROM %s', 'seed_' || seeded, cols, t.qname);
      restores := restores || format(
        E'  INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM syncsim.%I;\n',
        t.qname, cols, cols, 'seed_' || seeded);
    END IF;
  END LOOP;
  IF cardinality(truncate_list) > 0 THEN
    body := format(E'  IF hard THEN\n    BEGIN\n      TRUNCATE %s;\n    EXCEPTION WHEN OTHERS THEN\n%s    END;\n  ELSE\n%s  END IF;\n',
      array_to_string(truncate_list, ', '), deletes_fallback, deletes);
  END IF;
  body := body || restores;
  IF cardinality(setvals) > 0 THEN
    body := body || format(E'  PERFORM %s;\n', array_to_string(setvals, E',\n    '));
  END IF;

  EXECUTE format($generate$
CREATE OR REPLACE FUNCTION syncsim.reset(hard boolean DEFAULT false) RETURNS void
LANGUAGE plpgsql AS $reset$
DECLARE
  previous_role text := current_setting('session_replication_role');
BEGIN
  PERFORM set_config('session_replication_role', 'replica', true);
%s  PERFORM set_config('session_replication_role', previous_role, true);
END
$reset$
$generate$, body);

  RETURN format('%s tables (%s with migration rows), %s sequences', tables, seeded, sequences);
END
$install$;
`;
