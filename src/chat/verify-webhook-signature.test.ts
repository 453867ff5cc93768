import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from './verify-webhook-signature.ts';

const sign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');

describe('verifyWebhookSignature', () => {
  it('accepts exactly the signature of these bytes with this secret', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (body, secret, other) => {
        expect(verifyWebhookSignature(body, sign(body, secret), secret)).toBe(true);
        if (other !== secret) expect(verifyWebhookSignature(body, sign(body, other), secret)).toBe(false);
        expect(verifyWebhookSignature(`${body} `, sign(body, secret), secret)).toBe(false);
      }),
    );
  });

  it('refuses a missing, malformed or upper-case signature and an empty secret', () => {
    const body = '{"type":"message.new"}';
    for (const bad of [undefined, null, '', 'abc', sign(body, 's').toUpperCase(), `${sign(body, 's')}00`]) {
      expect(verifyWebhookSignature(body, bad, 's'), String(bad)).toBe(false);
    }
    expect(verifyWebhookSignature(body, sign(body, ''), '')).toBe(false);
  });
});
