/**
 * Session file names: `whatsapp_{phone}_{channelConnectionId}.json`, the name the production
 * bot uses, plus the temp files of atomic writes (`<name>.<tag>.tmp`). Parsing a name back to
 * its conversation key is what lets the scheduler and the cleanup find orphan files.
 */
export interface SessionKey {
  phone: string;
  channelConnectionId: number;
}

export interface ParsedSessionFile extends SessionKey {
  /** A leftover temp file of an interrupted atomic write, not a session. */
  temp: boolean;
}

const PATTERN = /^whatsapp_(\d+)_(\d+)\.json(?:\.([A-Za-z0-9-]+)\.tmp)?$/;

export function sessionFileName(key: SessionKey): string {
  if (!/^\d+$/.test(key.phone)) throw new Error(`phone '${key.phone}' is not digits only`);
  return `whatsapp_${key.phone}_${key.channelConnectionId}.json`;
}

export function tempFileName(key: SessionKey, tag: string): string {
  return `${sessionFileName(key)}.${tag}.tmp`;
}

/** The key a session or temp file belongs to; undefined for files that are not ours. */
export function parseSessionFileName(name: string): ParsedSessionFile | undefined {
  const match = PATTERN.exec(name);
  if (!match) return undefined;
  return { phone: match[1]!, channelConnectionId: Number(match[2]), temp: match[3] !== undefined };
}
