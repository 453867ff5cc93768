import { describe, expect, it } from 'vitest';
import {
  MotopressAuthError,
  MotopressConfigError,
  MotopressError,
  MotopressProtocolError,
  MotopressRequestError,
  MotopressUnavailableError,
  NO_ROUTE_HINT,
} from './motopress-errors.ts';

const REQUEST = 'GET https://hotel.fake/wp-json/mphb/v1/bookings?page=1';

describe('MotoPress errors', () => {
  it('carry their kind and class name, and are MotopressErrors', () => {
    const errors: Array<[MotopressError, string, string]> = [
      [new MotopressConfigError('x'), 'config', 'MotopressConfigError'],
      [new MotopressAuthError(REQUEST, 401, { code: undefined, message: undefined }), 'auth', 'MotopressAuthError'],
      [
        new MotopressRequestError(REQUEST, 400, { code: undefined, message: undefined }),
        'request',
        'MotopressRequestError',
      ],
      [new MotopressProtocolError(REQUEST, 'a thing'), 'protocol', 'MotopressProtocolError'],
      [new MotopressUnavailableError(REQUEST, 5, { status: 503 }), 'unavailable', 'MotopressUnavailableError'],
    ];
    for (const [error, kind, name] of errors) {
      expect(error).toBeInstanceOf(MotopressError);
      expect(error.kind).toBe(kind);
      expect(error.name).toBe(name);
    }
  });

  it('config: says it is the client config', () => {
    expect(new MotopressConfigError('perPage must be 1..100').message).toBe(
      'MotoPress client config: perPage must be 1..100',
    );
  });

  it('leaves out a missing or empty code or message, with no stray space', () => {
    const said = (code: string | undefined, message: string | undefined) =>
      new MotopressRequestError(REQUEST, 400, { code, message }).message.split(': ').at(-1);
    expect(said(undefined, 'Bad dates')).toBe('HTTP 400 Bad dates');
    expect(said('rest_invalid_param', '')).toBe('HTTP 400 rest_invalid_param');
    expect(said('', '')).toBe('HTTP 400');
  });

  it('auth 401: the code and message, and asks whether the key was revoked', () => {
    const error = new MotopressAuthError(REQUEST, 401, { code: 'mphb_rest_cannot_view', message: 'Sorry.' });
    expect(error.message).toBe(
      `MotoPress refused the API key on ${REQUEST}: HTTP 401 mphb_rest_cannot_view Sorry. (was the API key revoked or changed?)`,
    );
    expect([error.status, error.code, error.request]).toEqual([401, 'mphb_rest_cannot_view', REQUEST]);
  });

  it("auth 403: WordPress's refusal blames the user's rights, a body without a code blames a firewall", () => {
    expect(new MotopressAuthError(REQUEST, 403, { code: 'rest_forbidden', message: undefined }).message).toBe(
      `MotoPress refused the API key on ${REQUEST}: HTTP 403 rest_forbidden (the key's user lacks the capability)`,
    );
    expect(new MotopressAuthError(REQUEST, 403, { code: undefined, message: '' }).message).toBe(
      `MotoPress refused the API key on ${REQUEST}: HTTP 403 (not WordPress answering: a firewall or security plugin blocked the request?)`,
    );
  });

  it('request: a 404 rest_no_route points at the plugin, other refusals carry no hint', () => {
    const noRoute = new MotopressRequestError(REQUEST, 404, { code: 'rest_no_route', message: 'No route.' });
    expect(noRoute.message).toBe(`MotoPress rejected ${REQUEST}: HTTP 404 rest_no_route No route. (${NO_ROUTE_HINT})`);
    expect([noRoute.status, noRoute.code, noRoute.request]).toEqual([404, 'rest_no_route', REQUEST]);
    expect(new MotopressRequestError(REQUEST, 400, { code: 'rest_no_route', message: undefined }).message).toBe(
      `MotoPress rejected ${REQUEST}: HTTP 400 rest_no_route`,
    );
    expect(new MotopressRequestError(REQUEST, 404, { code: 'other', message: undefined }).message).toBe(
      `MotoPress rejected ${REQUEST}: HTTP 404 other`,
    );
  });

  it('protocol: names the request and the problem', () => {
    const error = new MotopressProtocolError(REQUEST, 'an HTML page');
    expect(error.message).toBe(`MotoPress answered ${REQUEST} with an HTML page`);
    expect(error.request).toBe(REQUEST);
  });

  it('unavailable: the last status or error, and the attempts in the right number', () => {
    const cause = new TypeError('fetch failed');
    const byStatus = new MotopressUnavailableError(REQUEST, 5, { status: 503 }, { cause });
    expect(byStatus.message).toBe(`MotoPress unavailable for ${REQUEST}: HTTP 503 after 5 attempts`);
    expect([byStatus.request, byStatus.attempts, byStatus.lastStatus, byStatus.cause]).toEqual([
      REQUEST,
      5,
      503,
      cause,
    ]);
    const byError = new MotopressUnavailableError(REQUEST, 1, { error: 'TypeError: fetch failed' });
    expect(byError.message).toBe(`MotoPress unavailable for ${REQUEST}: TypeError: fetch failed after 1 attempt`);
    expect(byError.lastStatus).toBeUndefined();
    expect(new MotopressUnavailableError(REQUEST, 2, {}).message).toBe(
      `MotoPress unavailable for ${REQUEST}: unknown failure after 2 attempts`,
    );
  });
});
