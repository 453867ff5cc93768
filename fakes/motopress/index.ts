export { WpError, invalidId, idIsInvalid, noRoute, invalidParams, saveError, type WpErrorBody } from './wp-error.ts';
export {
  BOOKING_STATUSES,
  LOCKING_STATUSES,
  PAYMENT_STATUSES,
  DEFAULT_SETTINGS,
  EMPTY_CUSTOMER,
  type BookingStatus,
  type PaymentStatus,
  type PostStatus,
  type SiteSettings,
  type AccommodationTypeRecord,
  type AccommodationRecord,
  type RateRecord,
  type CustomerRecord,
  type ReservedRoomRecord,
  type IcalImport,
  type BookingRecord,
  type PaymentRecord,
  type MotopressSnapshot,
} from './motopress-records.ts';
export {
  MotopressStore,
  type MotopressStoreOptions,
  type AccommodationTypeInput,
  type AccommodationInput,
  type RateInput,
  type ReservedRoomInput,
  type BookingInput,
  type IcalEventInput,
  type PaymentInput,
} from './motopress-store.ts';
export {
  MotopressFake,
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  type ApiKey,
  type KeyPermission,
  type MotopressFakeOptions,
} from './motopress-fake.ts';
export { checkAuth, keyAuthAllowed, WWW_AUTHENTICATE, type Identity } from './check-auth.ts';
export { checkOauth, type OauthOutcome } from './check-oauth.ts';
export {
  signatureBaseString,
  oauthSignature,
  rawUrlEncode,
  type OauthSignatureMethod,
  type SignatureInput,
} from './oauth-signature.ts';
export { PhpArray, phpEmpty, type PhpKey, type PhpValue } from './php-array.ts';
export { parsePhpQuery, phpUrlDecode } from './parse-php-query.ts';
export {
  parseCollectionParams,
  parseItemParams,
  parseEmbed,
  ORDERBY,
  type CollectionParams,
  type MetaClause,
  type OrderBy,
  type Context,
} from './collection-params.ts';
export { queryPosts, type PostAdapter, type QueryResult } from './query-posts.ts';
export {
  renderItem,
  filteredTitle,
  RESOURCES,
  type Resource,
  type ResourceName,
  type RenderContext,
  type Link,
  type Links,
  type Json,
} from './render-motopress.ts';
export { hostFaultResponse, isHostFault, HOST_FAULTS, type HostFault } from './host-fault-response.ts';
export {
  motopressHandlers,
  answerMotopress,
  FAULT_HEADER,
  DEFAULT_SITE_URL,
  type MotopressHandlerOptions,
} from './motopress-handlers.ts';
export { gatedFetch, type GatedFetchOptions, type FetchLike } from './gated-fetch.ts';
export { buildMotopressWorld, type MotopressWorld, type MotopressWorldOptions } from './build-motopress-world.ts';
export { serveMotopress, type ServeMotopressOptions, type MotopressServer } from './serve-motopress.ts';
export { wpDateTime, wpDate, isYmd, addDays, nightsBetween } from './wp-datetime.ts';
