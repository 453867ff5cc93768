// Stream signs every webhook: X-Signature is the lowercase hex HMAC-SHA256 of the raw request
// body, keyed with the API secret. Compared in constant time, on the bytes as received (a
// re-serialised JSON body would not match), and a missing or malformed signature is a no.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  signature: string | null | undefined,
  secret: string,
): boolean {
  if (!signature || !/^[0-9a-f]{64}$/.test(signature) || secret === '') return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
