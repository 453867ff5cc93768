// Pacing by Stream's rate-limit headers, against a stand-in adapter that counts like Stream's
// limiter (fixed one-minute windows per endpoint, X-RateLimit-* on every answer, 429 past the
// limit) on a fake clock: paced, a burst waits for the resets instead of being refused; unpaced,
// the same burst is refused. (src/ tests cannot import the Stream fake; validate-migration's
// criterion 8 runs the migration against it.)
import { AxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { StreamChat } from 'stream-chat';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock.ts';
import { paceStreamRequests, streamEndpointKey } from './pace-stream-requests.ts';

function limitedClient(limit: number, options: { othersUsedFirstWindow?: boolean } = {}) {
  let now = Date.parse('2025-12-15T09:00:00Z');
  const clock: Clock = {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
  const used = new Map<string, { window: number; count: number }>();
  const sentAt: number[] = [];
  const refused: number[] = [];
  const client = new StreamChat('key', 'secret', { baseURL: 'http://stream.test', disableCache: true });
  client.axiosInstance.defaults.adapter = (config: InternalAxiosRequestConfig) => {
    const key = streamEndpointKey(config.method, new URL(config.url ?? '', config.baseURL).href);
    const window = Math.floor(now / 60_000);
    const prior = used.get(key);
    const start = options.othersUsedFirstWindow && window === Math.floor(Date.parse('2025-12-15T09:00:00Z') / 60_000);
    const count = prior && prior.window === window ? prior.count : start ? limit : 0;
    const allowed = count < limit;
    if (allowed) used.set(key, { window, count: count + 1 });
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(allowed ? limit - count - 1 : 0),
      'x-ratelimit-reset': String(((window + 1) * 60_000) / 1000),
    };
    const response = { status: allowed ? 201 : 429, statusText: '', headers, config, data: {} } as AxiosResponse;
    if (allowed) {
      sentAt.push(now);
      return Promise.resolve(response);
    }
    refused.push(now);
    return Promise.reject(
      new AxiosError('Request failed with status code 429', 'ERR_BAD_REQUEST', config, null, response),
    );
  };
  return { client, clock, sentAt, refused };
}

const burst = async (client: StreamChat, n: number) => {
  for (let i = 0; i < n; i++) await client.post(`${client.baseURL}/channels/messaging/room_4_${i}`, {});
};

describe('paceStreamRequests', () => {
  it('paced, 5 updates at 2 a minute wait for the resets: none refused, the last in the third window', async () => {
    const { client, clock, sentAt, refused } = limitedClient(2);
    paceStreamRequests(client, clock);
    paceStreamRequests(client, clock); // once per client: a second call adds nothing
    await burst(client, 5);
    expect(refused).toEqual([]);
    const t0 = sentAt[0]!;
    expect(sentAt.map((t) => Math.floor((t - t0) / 60_000))).toEqual([0, 0, 1, 1, 2]);
  });

  it('unpaced, the same burst is refused at the third request', async () => {
    const { client } = limitedClient(2);
    await expect(burst(client, 5)).rejects.toThrow(/429/);
  });

  it('a 429 with no warning (another process spent the budget) waits for the reset and is sent again', async () => {
    const { client, clock, sentAt, refused } = limitedClient(2, { othersUsedFirstWindow: true });
    paceStreamRequests(client, clock);
    await burst(client, 1);
    expect(refused).toHaveLength(1);
    expect(sentAt).toHaveLength(1);
    expect(sentAt[0]! - refused[0]!).toBeGreaterThan(0);
  });

  it('keys by endpoint, not by channel or user', () => {
    expect(streamEndpointKey('post', 'http://s/channels/messaging/a')).toBe(
      streamEndpointKey('post', 'http://s/channels/messaging/b'),
    );
    expect(streamEndpointKey('post', 'http://s/channels/messaging/a/message')).not.toBe(
      streamEndpointKey('post', 'http://s/channels/messaging/a'),
    );
    expect(streamEndpointKey('post', 'http://s/channels/messaging/query')).toBe('POST /channels/*/query');
    expect(streamEndpointKey('delete', 'http://s/users/u1')).toBe('DELETE /users/*');
  });
});
