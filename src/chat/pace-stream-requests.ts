// Makes a Stream client pace itself by Stream's own rate-limit headers, on the injected clock:
// every answer carries X-RateLimit-Remaining and X-RateLimit-Reset (Unix seconds) for its
// endpoint, so once an endpoint says 0 remaining, the next request to it waits for the reset
// instead of being refused; a 429 anyway (another process shares the app's budget) waits for
// its reset and is sent again, a few times at most. Installed once per client (axios
// interceptors), so every request the client makes is paced, the SDK's methods included.
// Stream counts per endpoint (UpdateChannel, QueryUsers, ...), not per channel: the key drops
// the channel type and id and a user id from the path.
import type { InternalAxiosRequestConfig } from 'axios';
import type { StreamChat } from 'stream-chat';
import type { Clock } from '../clock.ts';
import { rateLimitWait } from './list-all-channels.ts';

/** 429s in a row on one request before its error goes to the caller. */
export const maxRateLimitRetries = 3;

interface Budget {
  remaining: number;
  resetMs: number;
}

const paced = new WeakSet<StreamChat>();

/** A request as axios hands it around; `rateLimitRetries` is ours (a string key: axios copies unknown keys into a retry's config, not symbols). */
type PacedConfig = InternalAxiosRequestConfig & { rateLimitRetries?: number };

/** `POST /channels/messaging/room_4_1` -> `POST /channels/*\/*`: one key per Stream endpoint. */
export function streamEndpointKey(method: string | undefined, url: string): string {
  const seg = new URL(url, 'https://stream.invalid').pathname.split('/').filter(Boolean);
  if (seg[0] === 'channels' && seg.length >= 3 && seg[1] !== 'delete') {
    seg[1] = '*';
    if (!(seg.length === 3 && seg[2] === 'query')) seg[2] = '*';
  } else if (seg[0] === 'users' && seg.length === 2 && seg[1] !== 'delete') seg[1] = '*';
  return `${(method ?? 'get').toUpperCase()} /${seg.join('/')}`;
}

function header(headers: unknown, name: string): number | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  const parsed = Number(value);
  return value === undefined || value === null || !Number.isFinite(parsed) ? undefined : parsed;
}

export function paceStreamRequests(stream: StreamChat, clock: Clock): void {
  if (paced.has(stream)) return;
  paced.add(stream);
  const budgets = new Map<string, Budget>();
  const keyOf = (config: InternalAxiosRequestConfig) =>
    streamEndpointKey(config.method, new URL(config.url ?? '', config.baseURL ?? 'https://stream.invalid').href);
  const note = (config: InternalAxiosRequestConfig | undefined, headers: unknown) => {
    const remaining = header(headers, 'x-ratelimit-remaining');
    const reset = header(headers, 'x-ratelimit-reset');
    if (config && remaining !== undefined && reset !== undefined)
      budgets.set(keyOf(config), { remaining, resetMs: reset * 1000 });
  };
  stream.axiosInstance.interceptors.request.use(async (config) => {
    const budget = budgets.get(keyOf(config));
    const wait = budget && budget.remaining <= 0 ? budget.resetMs - clock.now() : 0;
    if (wait > 0) await clock.sleep(wait);
    return config;
  });
  stream.axiosInstance.interceptors.response.use(
    (response) => {
      note(response.config, response.headers);
      return response;
    },
    async (error: Error & { config?: PacedConfig; response?: { headers?: unknown } }) => {
      note(error.config, error.response?.headers);
      const wait = rateLimitWait(error, clock.now());
      const config = error.config;
      const tried = config?.rateLimitRetries ?? 0;
      if (wait === undefined || !config || tried >= maxRateLimitRetries) throw error;
      config.rateLimitRetries = tried + 1;
      // The request interceptor waits for the reset (a 429 without headers: a second).
      budgets.set(keyOf(config), { remaining: 0, resetMs: clock.now() + wait });
      return stream.axiosInstance.request(config);
    },
  );
}
