/**
 * PLANTED BUG: sessions keyed by phone alone. The store of a bot written for one WhatsApp line
 * files every phone's session under the first connection (`whatsapp_{phone}_1.json`): the same
 * customer phone writing to two tenants' numbers shares one session, and one tenant's flow
 * carries on with the other's answers. Caught by no-cross-connection-session.
 */
import type { SessionKey } from '../../../../src/bot/session-file-name.ts';
import { SessionStore, type BotSession, type SessionRead } from '../../../../src/bot/session-store.ts';

const byPhone = (key: SessionKey): SessionKey => ({ phone: key.phone, channelConnectionId: 1 });

export class PhoneKeyedSessionStore extends SessionStore {
  override read(key: SessionKey): Promise<SessionRead> {
    return super.read(byPhone(key));
  }

  override write(key: SessionKey, session: BotSession): Promise<void> {
    return super.write(byPhone(key), session);
  }

  override delete(key: SessionKey): Promise<boolean> {
    return super.delete(byPhone(key));
  }
}
