/**
 * no-torn-session (safety): every session file (not a temp file) is a complete, valid session.
 * With atomic writes a reader can only ever see a whole old or a whole new session; a torn
 * write or ENOSPC on a writer that writes the session file in place leaves half a JSON body
 * that the bot can no longer resume from.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSessionFileName } from '../../../../src/bot/session-file-name.ts';
import { parseSession } from '../../../../src/bot/session-store.ts';
import { defineInvariant, type Violation } from 'syncsim';
import type { BotWorld } from '../bot-world.ts';

export const noTornSession = defineInvariant<BotWorld>({
  name: 'no-torn-session',
  kind: 'safety',
  description: 'every session file holds a complete session',
  async check({ world }) {
    const violations: Violation[] = [];
    for (const file of (await readdir(world.sessionDir)).sort()) {
      const parsed = parseSessionFileName(file);
      if (!parsed || parsed.temp) continue;
      const body = await readFile(join(world.sessionDir, file), 'utf8');
      if (!parseSession(body))
        violations.push({
          invariant: 'no-torn-session',
          message: `${file} is torn: ${JSON.stringify(body.slice(0, 60))}`,
          details: { file, bytes: body.length },
        });
    }
    return violations;
  },
});
