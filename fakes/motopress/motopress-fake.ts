/**
 * One fake WordPress site running MotoPress Hotel Booking: its store plus the site-level things
 * the REST layer needs (API keys bound to a permission, whether Application Passwords are in
 * use, the OAuth nonces each key has used, the clock OAuth timestamps are checked against).
 * Several hotels = several fakes, each under its own base URL.
 */
import { MotopressStore, type MotopressStoreOptions } from './motopress-store.ts';
import type { PhpArray } from './php-array.ts';

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
  /**
   * Refuse Basic and query-string keys on plain-HTTP requests, as the plugin does (it accepts them
   * only when `is_ssl()`; OAuth 1.0a is the way in over HTTP). Default false: the fake accepts
   * key auth on any scheme, so curl and plain fetch can use the standalone server on http://.
   */
  strictHttps?: boolean;
  /**
   * The site's `time()` for OAuth, in ms: `oauth_timestamp` must be within 15 minutes of it.
   * Default: the store's clock, which simulations control. Clients outside the process sign with
   * the real time, so the standalone command passes the process's wall clock here.
   */
  oauthClock?: () => number;
}

export class MotopressFake {
  readonly store: MotopressStore;
  readonly keys: ApiKey[];
  readonly applicationPasswords: boolean;
  readonly strictHttps: boolean;
  readonly oauthClock: () => number;
  /** Per consumer key, the plugin's `nonces` column: timestamp => nonce of the last 15 minutes. */
  readonly oauthNonces = new Map<string, PhpArray>();

  constructor(options: MotopressFakeOptions) {
    this.store = new MotopressStore(options);
    this.keys = options.keys ?? [
      { consumerKey: DEFAULT_CONSUMER_KEY, consumerSecret: DEFAULT_CONSUMER_SECRET, permission: 'read_write' },
    ];
    this.applicationPasswords = options.applicationPasswords ?? false;
    this.strictHttps = options.strictHttps ?? false;
    this.oauthClock = options.oauthClock ?? options.now;
  }
}
