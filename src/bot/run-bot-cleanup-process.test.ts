/**
 * The process wiring of `npm run bot-cleanup`: the arguments after `node script`, one line per
 * write on the right stream, the exit code returned, and a closed stdout (EPIPE) ignored.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BOT_CLEANUP_USAGE } from './bot-cleanup-cli.ts';
import { runBotCleanupProcess } from './run-bot-cleanup-process.ts';

function fakeProcess(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => String(stream.read() ?? '');
  const proc = { argv: ['node', 'bot-cleanup-main.ts', ...args], env: {}, stdout, stderr };
  return { proc, out: () => text(stdout), err: () => text(stderr) };
}

describe('runBotCleanupProcess', () => {
  it('answers --help on stdout, one line, exit 0', async () => {
    const { proc, out, err } = fakeProcess(['--help']);
    expect(await runBotCleanupProcess(proc)).toBe(0);
    expect(out()).toBe(BOT_CLEANUP_USAGE + '\n');
    expect(err()).toBe('');
  });

  it('reports a bad flag on stderr, one line, exit 3', async () => {
    const { proc, out, err } = fakeProcess(['--sessions-dir']);
    expect(await runBotCleanupProcess(proc)).toBe(3);
    expect(err()).toBe('bot-cleanup: --sessions-dir needs a value; see --help\n');
    expect(out()).toBe('');
  });

  it('survives stdout closing under it (a pipe into head)', async () => {
    const { proc } = fakeProcess(['--help']);
    await runBotCleanupProcess(proc);
    expect(() => proc.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).not.toThrow();
  });
});
