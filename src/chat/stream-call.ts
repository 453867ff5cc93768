// One Stream request of src/chat, with its answer checked before anyone reads it. The SDK hands
// back whatever body a 2xx carried: a proxy's or captive portal's 200 HTML page, or a JSON body
// cut short, comes back as a string, and `.channels ?? []` on a string is "no channels". Read
// that way, the audit reports every room "only in DB", the webhook handler finds no channel for a
// message and drops it, and the repair exports zero messages and then deletes the channel. So a
// 2xx that is not a JSON object is a StreamProtocolError: a failure the caller sees, never an
// empty answer. A 401 or 403 is a StreamRefusedError naming the likely cause: no retry can fix a
// revoked key or a firewall, so the commands stop at the first one (no retry storm).

/** A 2xx from Stream that is not Stream's JSON (an HTML page, a body cut short). */
export class StreamProtocolError extends Error {
  override readonly name = 'StreamProtocolError';
}

/** Stream (or what stands in front of it) refused the request: 401 or 403. An operator must act. */
export class StreamRefusedError extends Error {
  override readonly name = 'StreamRefusedError';
  readonly status: 401 | 403;
  /** Stream's own JSON error (a key or app problem), not a page from something in between. */
  readonly fromStream: boolean;
  constructor(message: string, status: 401 | 403, fromStream: boolean) {
    super(message);
    this.status = status;
    this.fromStream = fromStream;
  }
}

interface ErrorLike {
  status?: unknown;
  response?: { status?: unknown; data?: unknown };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The refusal `error` is, with its likely cause; undefined for any other error. */
export function streamRefusal(error: unknown, request: string): StreamRefusedError | undefined {
  const http = (isObject(error) ? error : {}) as ErrorLike;
  const status = http.response?.status ?? http.status;
  if (status !== 401 && status !== 403) return undefined;
  const data = http.response?.data;
  if (!isObject(data) || typeof data.code !== 'number') {
    return new StreamRefusedError(
      `Stream refused ${request}: HTTP ${status} with ${describeBody(data)}, not Stream's JSON (a firewall or proxy between this host and Stream?)`,
      status,
      false,
    );
  }
  const said = typeof data.message === 'string' ? `: ${data.message}` : '';
  const cause =
    status === 401
      ? 'was STREAM_API_KEY revoked, or STREAM_API_SECRET changed?'
      : 'is the Stream app suspended, or does the key lack a permission?';
  return new StreamRefusedError(
    `Stream refused ${request} (HTTP ${status}, code ${data.code}${said}): ${cause}`,
    status,
    true,
  );
}

/** `answer` as the JSON object Stream sends, or a StreamProtocolError saying what came instead. */
export function streamJson<T extends object>(answer: unknown, request: string): T {
  if (isObject(answer)) return answer as T;
  const hint =
    typeof answer === 'string' && /^\s*</.test(answer)
      ? ' (a proxy or captive portal between this host and Stream?)'
      : typeof answer === 'string' && /^\s*[[{]/.test(answer)
        ? ' (a JSON body cut short?)'
        : '';
  throw new StreamProtocolError(`Stream answered ${request} with ${describeBody(answer)}, not a JSON object${hint}`);
}

/** Runs one request: a refusal becomes a StreamRefusedError, a 2xx that is not JSON a StreamProtocolError. */
export async function streamCall<T extends object>(request: string, call: () => Promise<unknown>): Promise<T> {
  let answer: unknown;
  try {
    answer = await call();
  } catch (error) {
    throw streamRefusal(error, request) ?? error;
  }
  return streamJson<T>(answer, request);
}

function describeBody(body: unknown): string {
  if (typeof body !== 'string') return body === undefined || body === '' ? 'no body' : `a ${typeof body}`;
  if (/^\s*</.test(body)) return 'an HTML page';
  return `${body.length} characters of text`;
}

/** Whether a field Stream always sends as a list is one (a plain check: no narrowing to any[]). */
export function isList(value: unknown): boolean {
  return Array.isArray(value);
}
