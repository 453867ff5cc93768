export { convergesToMirror } from './converges-to-mirror.ts';
export { idempotent } from './idempotent.ts';
export { junctionComplete } from './junction-complete.ts';
export { noDuplicateBooking } from './no-duplicate-booking.ts';
export { noNullUnit } from './no-null-unit.ts';
export { tenantIsolation } from './tenant-isolation.ts';
export { reservationIdStable } from './reservation-id-stable.ts';
export { staysStored } from './stays-stored.ts';
