/**
 * One fake WordPress site running MotoPress Hotel Booking: its store plus the site-level things
 * the REST layer needs (API keys bound to a permission, whether Application Passwords are in
 * use). Several hotels = several fakes, each under its own base URL.
 */
import { MotopressStore, type MotopressStoreOptions } from './motopress-store.ts';

export type KeyPermission = 'read' | 'write' | 'read_write';

export interface ApiKey {
  /** `ck_` + 40 hex in the real plugin. */
  consumerKey: string;
  /** `cs_` + 40 hex. */
  consumerSecret: string;
  permission: KeyPermission;
}

export const DEFAULT_CONSUMER_KEY = `ck_${'5c'.repeat(20)}`;
export const DEFAULT_CONSUMER_SECRET = `cs_${'a7'.repeat(20)}`;

export interface MotopressFakeOptions extends MotopressStoreOptions {
  /** Default: one read_write key (DEFAULT_CONSUMER_KEY / DEFAULT_CONSUMER_SECRET). */
  keys?: ApiKey[];
  /** WP Application Passwords in use: an unknown Basic user gets WP's `invalid_username` 401. */
  applicationPasswords?: boolean;
}

export class MotopressFake {
  readonly store: MotopressStore;
  readonly keys: ApiKey[];
  readonly applicationPasswords: boolean;

  constructor(options: MotopressFakeOptions) {
    this.store = new MotopressStore(options);
    this.keys = options.keys ?? [
      { consumerKey: DEFAULT_CONSUMER_KEY, consumerSecret: DEFAULT_CONSUMER_SECRET, permission: 'read_write' },
    ];
    this.applicationPasswords = options.applicationPasswords ?? false;
  }
}
