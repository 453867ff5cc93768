/**
 * WordPress REST errors as the mphb/v1 routes send them: `{code, message, data: {status, ...}}`
 * (WP_Error through rest_convert_error_to_response). The store throws these for broken rules, so
 * the handlers only have to serialise them; codes and messages follow the plugin and WP core.
 */
export interface WpErrorBody {
  code: string;
  message: string;
  data: { status: number; [extra: string]: unknown };
}

export class WpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'WpError';
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }

  body(): WpErrorBody {
    return { code: this.code, message: this.message, data: { status: this.status, ...this.extra } };
  }
}

/** The plugin's item-not-found error, e.g. `mphb_rest_invalid_mphb_room_id` (GET, and embedded slots). */
export function invalidId(postType: string): WpError {
  return new WpError(404, `mphb_rest_invalid_${postType}_id`, 'Invalid ID.');
}

/** The plugin's bad-ID error on update (400) and delete (404): `mphb_rest_{post_type}_invalid_id`. */
export function idIsInvalid(postType: string, status: 400 | 404): WpError {
  return new WpError(status, `mphb_rest_${postType}_invalid_id`, 'ID is invalid.');
}

export function noRoute(): WpError {
  return new WpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
}

/** WP core's `rest_invalid_param` for one or more bad query params (WP >= 5.7 adds `details`). */
export function invalidParams(problems: ReadonlyArray<{ param: string; code: string; message: string }>): WpError {
  const params: Record<string, string> = {};
  const details: Record<string, unknown> = {};
  for (const p of problems) {
    params[p.param] = p.message;
    details[p.param] = { code: p.code, message: p.message, data: null };
  }
  return new WpError(400, 'rest_invalid_param', `Invalid parameter(s): ${problems.map((p) => p.param).join(', ')}`, {
    params,
    details,
  });
}

/** A save rule of the plugin broke (`mphb_rest_save_error`, 400), e.g. "Dates unavailable for booking." */
export function saveError(message: string): WpError {
  return new WpError(400, 'mphb_rest_save_error', message);
}
