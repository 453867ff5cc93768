/**
 * A session file is named after the customer's phone: only digits may reach a file name, so a
 * crafted "phone" can neither name another file nor carry a path.
 */
import { describe, expect, it } from 'vitest';
import { sessionFileName, tempFileName } from './session-file-name.ts';

describe('sessionFileName', () => {
  it('names the bot session and its temp files', () => {
    expect(sessionFileName({ phone: '51943001421', channelConnectionId: 7 })).toBe('whatsapp_51943001421_7.json');
    expect(tempFileName({ phone: '51943001421', channelConnectionId: 7 }, 'w3')).toBe(
      'whatsapp_51943001421_7.json.w3.tmp',
    );
  });

  it.each(['x51943001421', '51943001421x', '519/../1', '', '51 94'])('refuses the phone %j, naming it', (phone) => {
    expect(() => sessionFileName({ phone, channelConnectionId: 7 })).toThrow(`phone '${phone}' is not digits only`);
  });
});
