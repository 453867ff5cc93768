import { describe, expect, it } from 'vitest';
import { mayWaitOnLock } from './may-wait-on-lock.ts';

describe('mayWaitOnLock', () => {
  it.each([
    ['SELECT 1', false],
    ['  begin', false],
    ['COMMIT', false],
    ['SELECT id FROM t WHERE id = $1', false],
    ['SELECT id::text FROM get_accommodation_unit_by_motopress_id($1, $2)', false],
    ['SELECT id FROM t WHERE id = $1 FOR UPDATE', true],
    ['select * from t for no key update skip locked', true],
    ['SELECT pg_advisory_xact_lock($1::int, hashtext($2))', true],
    ['WITH r AS (INSERT INTO t VALUES (1) RETURNING id) SELECT * FROM r', true],
    ['UPDATE t SET n = n + 1', true],
    ['INSERT INTO t VALUES (1)', true],
    ['DELETE FROM t', true],
    ['TRUNCATE t', true],
    ['DO $$ BEGIN PERFORM 1; END $$', true],
  ])('%s -> %s', (sql, expected) => {
    expect(mayWaitOnLock(sql)).toBe(expected);
  });
});
