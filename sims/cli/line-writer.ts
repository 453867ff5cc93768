/**
 * One line at a time to stdout or stderr. When the reader goes away (`syncsim list | head -2`)
 * the next write fails with EPIPE: from then on lines are dropped quietly and the command
 * finishes as it would have (same cleanup, same exit code) instead of dying on an unhandled
 * 'error' event.
 */
export interface LineStream {
  write(chunk: string): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

const closed = new WeakSet<LineStream>();
const watched = new WeakSet<LineStream>();

export function lineWriter(stream: LineStream): (line: string) => void {
  if (!watched.has(stream) && stream.on) {
    watched.add(stream);
    // EPIPE is the reader leaving; any other error on a standard stream leaves nowhere to
    // report it either, so the stream is done for in both cases.
    stream.on('error', () => closed.add(stream));
  }
  return (line: string) => {
    if (closed.has(stream)) return;
    try {
      stream.write(line + '\n');
    } catch (error) {
      // A synchronous EPIPE (some stream kinds throw instead of emitting).
      if ((error as { code?: string }).code === 'EPIPE') closed.add(stream);
      else throw error;
    }
  };
}
