/**
 * The SessionFs helpers: names stay inside the session directory, and file-system errors are
 * told apart by their code only when they carry a string one.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsError, fsErrorCode, pathInside } from './session-fs.ts';

describe('pathInside', () => {
  it('joins a bare file name to the directory', () => {
    expect(pathInside('/var/bot', 'whatsapp_1_2.json')).toBe(join('/var/bot', 'whatsapp_1_2.json'));
  });

  it.each(['', '.', '..', '../x.json', 'a/b.json'])('refuses %j, which would leave the directory', (name) => {
    expect(() => pathInside('/var/bot', name)).toThrow(`session file name '${name}' is not a bare file name`);
  });
});

describe('fsErrorCode', () => {
  it('is the string code of a Node-like error', () => {
    expect(fsErrorCode(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBe('ENOENT');
  });

  it.each([null, undefined, 'ENOENT', { code: 2 }, new Error('plain')])('is undefined for %j', (error) => {
    expect(fsErrorCode(error)).toBeUndefined();
  });
});

describe('fsError', () => {
  it('looks like the errors node:fs raises', () => {
    const error = fsError('EACCES', 'unlink', 'whatsapp_1_2.json');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe("EACCES: unlink 'whatsapp_1_2.json'");
    expect(error).toMatchObject({ code: 'EACCES', syscall: 'unlink', path: 'whatsapp_1_2.json' });
    expect(fsErrorCode(error)).toBe('EACCES');
  });
});
