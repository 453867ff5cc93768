/**
 * The signature base string as the plugin builds it. Where the plugin and standard OAuth agree
 * (flat, unique parameters) the fake must agree with an independent signer, oauth-1.0a; where the
 * plugin is particular (duplicates, nested keys, byte order) the expected strings are worked out
 * by hand from ApiAuthentication::checkOauthSignature.
 */
import { describe, expect, it } from 'vitest';
import { signOauth } from './fixtures/oauth-clients.ts';
import { oauthSignature, rawUrlEncode, signatureBaseString } from './oauth-signature.ts';
import { parsePhpQuery } from './parse-php-query.ts';
import { PhpArray } from './php-array.ts';

const BASE = 'http://127.0.0.1:4200/wp-json/mphb/v1/bookings';

describe('the OAuth signature', () => {
  it.each(['HMAC-SHA1', 'HMAC-SHA256'] as const)(
    'matches oauth-1.0a (%s) on a non-default port, with values that need encoding and body params',
    (method) => {
      const query = 'search=caf%C3%A9%20(o%27k)!*~&per_page=5';
      const data = { status: 'cancelled', note: 'a b&c=d' };
      const { params } = signOauth({
        url: `${BASE}?${query}`,
        method: 'POST',
        key: 'ck_k',
        secret: 'cs_s',
        signatureMethod: method,
        timestamp: 1767225600,
        nonce: 'n0nce',
        data,
      });
      const body = new URLSearchParams(data).toString();
      const signed = PhpArray.merge(parsePhpQuery(query), parsePhpQuery(body));
      for (const [name, value] of Object.entries(params)) if (name !== 'oauth_signature') signed.set(name, value);
      const baseString = signatureBaseString({ method: 'POST', baseUrl: BASE, params: signed });
      expect(baseString).toContain('POST&http%3A%2F%2F127.0.0.1%3A4200%2Fwp-json%2Fmphb%2Fv1%2Fbookings&');
      expect(params.oauth_signature).toMatch(/^[A-Za-z0-9+/]{20,}=*$/);
      expect(oauthSignature(baseString, 'cs_s', method)).toBe(params.oauth_signature);
    },
  );

  it('keeps the last duplicate, sorts top-level keys by byte, writes nested keys as the plugin does', () => {
    const params = parsePhpQuery('b=2&a=x&a=y&filter[post_status]=p,q&Z=1&c[]=1&c[]=2&s=%20');
    expect(signatureBaseString({ method: 'GET', baseUrl: BASE, params })).toBe(
      'GET&http%3A%2F%2F127.0.0.1%3A4200%2Fwp-json%2Fmphb%2Fv1%2Fbookings&' +
        [
          'Z%3D1',
          'a%3Dy',
          'b%3D2',
          'c%255B0%255D%3D1',
          'c%255B1%255D%3D2',
          'filter%255Bpost_status%255D%3Dp%252Cq',
          's%3D%2520',
        ].join('%26'),
    );
  });

  it('keeps nested keys in arrival order, encoded once where top-level keys are encoded twice', () => {
    const params = parsePhpQuery('f[b%20x]=1&f[a]=2');
    expect(signatureBaseString({ method: 'GET', baseUrl: BASE, params }).split('&')[2]).toBe(
      'f%255Bb%20x%255D%3D1%26f%255Ba%255D%3D2',
    );
  });

  it('encodes as rawurlencode: only A-Z a-z 0-9 - _ . ~ stay', () => {
    expect(rawUrlEncode("a b+c~-._!*'()\u00c3\u00a9/:")).toBe('a%20b%2Bc~-._%21%2A%27%28%29%C3%A9%2F%3A');
  });
});
