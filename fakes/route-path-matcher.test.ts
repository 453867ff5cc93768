/**
 * routePathMatcher decides only where msw's path-to-regexp matching surely agrees: params when it
 * surely matches (decoded once, as msw decodes), 'no' when it surely does not, 'unsure' for what
 * msw matches loosely (case, a trailing or doubled slash) or cannot decode.
 */
import { matchRequestUrl } from 'msw';
import { describe, expect, it } from 'vitest';
import { routePathMatcher } from './route-path-matcher.ts';

const ORIGIN = 'https://api.test';
const PATTERN = '/v1/channels/:type/:id';

describe('routePathMatcher', () => {
  it.each([
    ['/v1/channels/messaging/room-1', { type: 'messaging', id: 'room-1' }],
    ['/v1/channels/messaging/a%20b', { type: 'messaging', id: 'a b' }],
    ['/v1/channels/messaging', 'no'],
    ['/v1/channels/messaging/room-1/query', 'no'],
    ['/v1/users/messaging/room-1', 'no'],
    ['/V1/channels/messaging/room-1', 'unsure'],
    ['/v1/channels/messaging/room-1/', 'unsure'],
    ['/v1/channels//room-1', 'unsure'],
    ['/v1/channels/messaging/%E0%A4%A', 'unsure'],
  ])('%s -> %j, and msw agrees wherever it is sure', (pathname, expected) => {
    const got = routePathMatcher(PATTERN)(pathname);
    expect(got).toEqual(expected);
    if (got === 'unsure') return;
    const msw = matchRequestUrl(new URL(`${ORIGIN}${pathname}`), `${ORIGIN}${PATTERN}`);
    expect(msw.matches).toBe(got !== 'no');
    if (got !== 'no') expect(msw.params).toEqual(got);
  });

  it('refuses a pattern it cannot judge (wildcards, groups, optional params)', () => {
    for (const pattern of ['/v1/*', '/v1/:id?', '/v1/(a|b)', 'v1/x'])
      expect(() => routePathMatcher(pattern)).toThrow(/only literal and :param/);
  });
});
