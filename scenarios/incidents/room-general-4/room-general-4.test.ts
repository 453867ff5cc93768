/**
 * Incident A with the report's numbers, exactly. On the report's world (built by the scenario's
 * own world function on a real database, the Stream fake on msw):
 * - the team's per-gym audit says gym 1 "1 only in Stream" and gym 5 "1 only in DB" for the one
 *   channel, and calls the event channels "only in Stream";
 * - src/chat's audit says one wrong-team, two orphan-event-channel, nine only-in-db, five synced;
 * - the repair moves the channel to gym_5 with every message it had, exports the event channels
 *   before deleting them, changes nothing of gym 4's synced rooms; a second repair does nothing.
 * What each `breaks` variant broke is checked in room-general-4-variants.test.ts (the case engine
 * has an msw server of its own, and two in one file would both read each request).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import pg from 'pg';
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClock } from 'syncsim';
import { useTestDatabase } from 'syncsim/vitest';
import { nodeSessionFs } from '../../../src/bot/node-session-fs.ts';
import { applyStreamRepair, auditStream, formatGymLine, planStreamRepair } from '../../../src/chat/index.ts';
import { fromPgPool } from '../../../src/db/index.ts';
import { perGymAudit } from './per-gym-audit.ts';
import {
  buildRoomGeneral4,
  channelFingerprint,
  EVENT_HISTORY,
  GENERAL,
  GENERAL_HISTORY,
  ORPHAN_EVENTS,
  STREAM_KEY,
  STREAM_SECRET,
  STREAM_URL,
  type RoomGeneral4World,
} from './room-general-4-world.ts';

const msw = setupServer();
let pool: pg.Pool;
let dir: string;
let world: RoomGeneral4World;
let stream: StreamChat;
const clock = new SimClock(Date.parse('2025-10-27T09:00:00Z'));

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'error' });
  const database = await useTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
  dir = await mkdtemp(join(tmpdir(), 'syncsim-room-general-4-'));
  world = await buildRoomGeneral4({
    db: pool,
    clock,
    sessionDir: dir,
    http: { use: (...handlers) => msw.use(...handlers) },
  });
  stream = new StreamChat(STREAM_KEY, STREAM_SECRET, { baseURL: STREAM_URL, disableCache: true });
});

afterAll(async () => {
  msw.close();
  await pool?.end();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('room-general-4', () => {
  it("before: the team's per-gym audit sees one wrong channel as two unrelated problems", async () => {
    const audit = await perGymAudit(fromPgPool(pool), stream, [1, 4, 5]);
    const of = (gymId: number, kind: string) =>
      audit.findings.filter((f) => f.gymId === gymId && f.kind === kind).map((f) => f.channelId);
    expect(of(1, 'only-in-stream')).toEqual([GENERAL]);
    expect(of(5, 'only-in-db')).toEqual([GENERAL]);
    expect(of(4, 'only-in-stream').sort()).toEqual([...ORPHAN_EVENTS]);
    expect(of(4, 'only-in-db')).toHaveLength(9);
    expect([audit.synced.get(1), audit.synced.get(4), audit.synced.get(5)]).toEqual([0, 5, 0]);
  });

  it('after: src/chat reports 1 wrong-team, 2 orphan-event-channel, 9 only-in-db, 5 synced', async () => {
    const report = await auditStream({ db: fromPgPool(pool), stream, clock });
    const count = (kind: string) => report.findings.filter((f) => f.kind === kind).length;
    expect([count('wrong-team'), count('orphan-event-channel'), count('only-in-db')]).toEqual([1, 2, 9]);
    expect(report.findings.filter((f) => f.kind === 'wrong-team').map((f) => [f.channelId, f.gymId, f.team])).toEqual([
      [GENERAL, 5, 'gym_1'],
    ]);
    expect(report.findings).toHaveLength(12);
    expect(report.gyms.map(formatGymLine)).toEqual([
      'gym 4: 5 synced, 2 only in Stream, 9 only in DB, sync rate 36% (5/14)',
      'gym 5: 0 synced, 0 only in Stream, 0 only in DB, sync rate 0% (0/1); 1 wrong-team',
    ]);
  });

  it('after: the repair keeps every message, exports before deleting, touches no synced room; twice is once', async () => {
    const db = fromPgPool(pool);
    const general = world.fake.store.channels.get(`messaging:${GENERAL}`)!;
    const history = general.messages.map((m) => m.id);
    expect(history).toHaveLength(GENERAL_HISTORY);
    const repair = async () => {
      const report = await auditStream({ db, stream, clock });
      const plan = planStreamRepair(report.findings, { existingGyms: new Set([1, 4, 5]) });
      return applyStreamRepair({ db, stream, exportDir: nodeSessionFs(dir) }, plan);
    };
    const first = await repair();
    expect(first.filter((o) => o.result === 'applied').map((o) => o.action.kind)).toEqual([
      'export-and-delete',
      'export-and-delete',
      'set-team',
    ]);
    expect(world.fake.store.channels.get(`messaging:${GENERAL}`)).toBe(general);
    expect([general.team, general.custom.gym_id]).toEqual(['gym_5', '5']);
    expect(general.messages.map((m) => m.id)).toEqual(history);
    for (const id of ORPHAN_EVENTS) {
      expect(world.fake.store.channels.get(`messaging:${id}`)?.deletedAt).toBeDefined();
      const lines = (await readFile(join(dir, `${id}.jsonl`), 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(EVENT_HISTORY);
    }
    for (const [id, before] of world.untouched)
      expect(channelFingerprint(world.fake.store.channels.get(`messaging:${id}`)!)).toBe(before);
    const second = await repair();
    expect(second.filter((o) => o.result === 'applied')).toEqual([]);
  });
});
