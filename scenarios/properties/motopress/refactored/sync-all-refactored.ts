/**
 * Incident D, scenario (c): a refactor of src/motopress/sync-all.ts that must be proven equal
 * before it replaces it (`syncsim diff properties-motopress after refactored`). The shape
 * changes, the behaviour must not:
 * - each step is a function that returns its report instead of filling one passed around;
 * - a booking's sync returns what happened to it (created, updated, unchanged, skipped), and
 *   the caller tallies, instead of the booking's sync mutating the report;
 * - the reservations to reconcile are computed once, up front, instead of filtered in the loop;
 * - progress events come from one helper that knows the step count.
 * The I/O it does - which requests and statements, in which order - is the same: what a
 * differential run holds it to (a changed order would also change the interleavings and fault
 * draws the same seed gives, see the README's "Migrating one module at a time").
 */
import type { Queryable } from '../../../../src/db/db.ts';
import { mapBooking, UnmappableBookingError } from '../../../../src/motopress/map-booking.ts';
import type { MotopressBooking } from '../../../../src/motopress/motopress-types.ts';
import { unitResolver, type UnitResolver } from '../../../../src/motopress/resolve-units.ts';
import {
  isUnchanged,
  loadStoredReservations,
  type StoredReservation,
} from '../../../../src/motopress/stored-reservations.ts';
import {
  SyncStepError,
  type BookingSyncReport,
  type SyncAllDeps,
  type SyncAllReport,
} from '../../../../src/motopress/sync-all.ts';
import { syncAccommodationsKeepingIds } from '../../../../src/motopress/sync-accommodations.ts';
import type { SyncProgress } from '../../../../src/motopress/sync-progress.ts';
import { writeReservation } from '../../../../src/motopress/write-reservation.ts';

type BookingOutcome = { kind: 'created' | 'updated' | 'unchanged' } | { kind: 'skipped'; reason: string };

export async function syncAllRefactored(deps: SyncAllDeps, tenantId: string): Promise<SyncAllReport> {
  const emit = (event: Omit<SyncProgress, 'of'>) => deps.onProgress?.({ ...event, of: 2 });
  const step1 = await runStep(1, emit, 'Step 1/2: syncing accommodations', () =>
    syncAccommodationsKeepingIds(deps, tenantId),
  );
  const a = step1.report;
  emit({
    step: 1,
    phase: 'done',
    message: `Step 1/2 done: ${a.units} accommodations (${a.created} new, ${a.updated} updated, ${a.markedDeleted} gone)`,
    counts: { units: a.units, created: a.created, updated: a.updated, markedDeleted: a.markedDeleted },
  });
  const b = await runStep(2, emit, 'Step 2/2: syncing bookings', () =>
    syncBookings(deps, tenantId, step1.unitIds, emit),
  );
  emit({
    step: 2,
    phase: 'done',
    message: `Step 2/2 done: ${b.listed} bookings (${b.created} new, ${b.updated} updated, ${b.deleted} deleted, ${b.skipped.length} skipped)`,
    counts: {
      listed: b.listed,
      created: b.created,
      updated: b.updated,
      unchanged: b.unchanged,
      deleted: b.deleted,
      skipped: b.skipped.length,
    },
  });
  return { tenantId, accommodations: a, bookings: b };
}

/** A step: announced, run, and on failure reported and rethrown as SyncStepError(step). */
async function runStep<T>(
  step: 1 | 2,
  emit: (event: Omit<SyncProgress, 'of'>) => void,
  started: string,
  work: () => Promise<T>,
): Promise<T> {
  emit({ step, phase: 'started', message: started });
  try {
    return await work();
  } catch (error) {
    const failure = new SyncStepError(step, error);
    const tail = step === 1 ? '; bookings were not synced' : '';
    emit({ step, phase: 'failed', message: `Step ${step}/2 failed: ${failure.message}${tail}` });
    throw failure;
  }
}

async function syncBookings(
  deps: SyncAllDeps,
  tenantId: string,
  unitIds: Map<number, string>,
  emit: (event: Omit<SyncProgress, 'of'>) => void,
): Promise<BookingSyncReport> {
  const report: BookingSyncReport = {
    listed: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    skipped: [],
    unitsFetchedOnDemand: [],
    unitsRecordedAsDeleted: [],
  };
  const tally = (bookingId: number, outcome: BookingOutcome) => {
    if (outcome.kind === 'skipped') report.skipped.push({ bookingId, reason: outcome.reason });
    else report[outcome.kind]++;
  };
  const listed = await deps.motopress.listBookings();
  report.listed = listed.length;
  const units = unitResolver(deps, tenantId, unitIds, () => new Date(deps.clock.now()).toISOString());
  const stored = await loadStoredReservations(deps.db, tenantId);
  let done = 0;
  for (const booking of listed) {
    tally(booking.id, await syncBooking(deps, tenantId, booking, units, stored));
    done++;
    emit({
      step: 2,
      phase: 'progress',
      message: `Step 2/2: ${done}/${listed.length} bookings`,
      counts: { done, total: listed.length },
    });
  }
  const listedIds = new Set(listed.map((b) => b.id));
  const unlisted = [...stored.keys()].filter((id) => !listedIds.has(id)).sort((x, y) => x - y);
  for (const id of unlisted) {
    const booking = await deps.motopress.getBooking(id);
    if (booking && booking.status !== 'trash') tally(id, await syncBooking(deps, tenantId, booking, units, stored));
    else report.deleted += await deleteReservation(deps.db, tenantId, id);
  }
  report.unitsFetchedOnDemand = [...units.fetchedOnDemand];
  report.unitsRecordedAsDeleted = [...units.recordedAsDeleted];
  return report;
}

async function syncBooking(
  deps: SyncAllDeps,
  tenantId: string,
  booking: MotopressBooking,
  units: UnitResolver,
  stored: ReadonlyMap<number, StoredReservation>,
): Promise<BookingOutcome> {
  let mapped;
  try {
    mapped = mapBooking(booking);
  } catch (error) {
    if (error instanceof UnmappableBookingError) return { kind: 'skipped', reason: error.message };
    throw error;
  }
  const unitIds = await units.resolve(mapped);
  if (isUnchanged(stored.get(mapped.externalBookingId), mapped, unitIds)) return { kind: 'unchanged' };
  const kind = await writeReservation(deps.db, tenantId, mapped, unitIds, new Date(deps.clock.now()).toISOString());
  return { kind };
}

/** Gone from MotoPress (deleted or trashed): the reservation goes, its junction rows with it. */
async function deleteReservation(db: Queryable, tenantId: string, bookingId: number): Promise<number> {
  const removed = await db.query('DELETE FROM guest_reservations WHERE tenant_id = $1 AND external_booking_id = $2', [
    tenantId,
    bookingId,
  ]);
  return removed.rowCount ?? 0;
}
