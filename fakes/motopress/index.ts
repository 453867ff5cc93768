/**
 * `syncsim/fakes/motopress`: the MotoPress Hotel Booking fake as a scenario author uses it - the
 * fake and its store, its msw handlers, the world builder, the standalone server, and the record
 * shapes invariants read. Parsing, rendering and auth internals stay behind this file.
 */
export {
  MotopressFake,
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  type ApiKey,
  type KeyPermission,
  type MotopressFakeOptions,
} from './motopress-fake.ts';
export {
  MotopressStore,
  type MotopressStoreOptions,
  type AccommodationTypeInput,
  type AccommodationInput,
  type RateInput,
  type ReservedRoomInput,
  type BookingEdit,
  type BookingInput,
  type IcalEventInput,
  type PaymentInput,
} from './motopress-store.ts';
export {
  BOOKING_STATUSES,
  type BookingStatus,
  type PaymentStatus,
  type PostStatus,
  type SiteSettings,
  type AccommodationTypeRecord,
  type AccommodationRecord,
  type RateRecord,
  type CustomerRecord,
  type ReservedRoomRecord,
  type BookingRecord,
  type PaymentRecord,
  type MotopressSnapshot,
} from './motopress-records.ts';
// FAULT_HEADER: a test asks the handlers to render one fault (what gatedFetch does inside the gate).
export {
  motopressHandlers,
  DEFAULT_SITE_URL,
  FAULT_HEADER,
  type MotopressHandlerOptions,
} from './motopress-handlers.ts';
export { buildMotopressWorld, type MotopressWorld, type MotopressWorldOptions } from './build-motopress-world.ts';
export { serveMotopress, type ServeMotopressOptions, type MotopressServer } from './serve-motopress.ts';
// What a caller of the API sees: the error the fake answers with, the title as WordPress
// filters it (for comparing a mirror), and a whole site down (for tests of host faults).
export { WpError, type WpErrorBody } from './wp-error.ts';
export { filteredTitle } from './render-motopress.ts';
export { hostFaultResponse, HOST_FAULTS, type HostFault } from './host-fault-response.ts';
