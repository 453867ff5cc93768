/**
 * Stream's error, as data. The store throws it; the handlers turn it into Stream's error body
 * `{code, message: "<Op> failed with error: \"<detail>\"", StatusCode, duration, more_info, details}`
 * with a non-2xx status (the SDK treats a 2xx with an error-shaped body as success).
 * Codes used: 4 input, 5 auth, 9 rate limit, 16 does not exist, 17 not allowed, -1 internal.
 */
export class StreamError extends Error {
  readonly status: number;
  readonly code: number;
  readonly detail: string;

  constructor(status: number, code: number, detail: string) {
    super(detail);
    this.name = 'StreamError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

export const inputError = (detail: string): StreamError => new StreamError(400, 4, detail);
export const notFound = (detail: string): StreamError => new StreamError(404, 16, detail);
export const notAllowed = (detail: string): StreamError => new StreamError(403, 17, detail);
export const authError = (detail: string): StreamError => new StreamError(401, 5, detail);

export interface StreamErrorBody {
  code: number;
  message: string;
  StatusCode: number;
  duration: string;
  more_info: string;
  details: unknown[];
}

/** The JSON body Stream answers for `error` raised by operation `op` (e.g. `QueryChannels`). */
export function streamErrorBody(op: string, error: StreamError): StreamErrorBody {
  return {
    code: error.code,
    message: `${op} failed with error: "${error.detail}"`,
    StatusCode: error.status,
    duration: '0.00ms',
    more_info: 'https://getstream.io/chat/docs/api_errors_response',
    details: [],
  };
}
