// Where an embedded server keeps its files: tmpfs (/dev/shm) when the machine has it, because
// initdb, CREATE DATABASE and every clone are 2-10x faster there than on disk (see
// performance-anchors.md 2, 2.1). The name carries this process's pid and a counter, so two
// runs never share a dir and the reaper can find the processes that use it.
import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let counter = 0;

function tmpfsRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

/** A fresh, not yet existing path: <root>/syncsim-pg-<pid>-<n>. */
export function nextDataDir(): string {
  return path.join(tmpfsRoot(), `syncsim-pg-${process.pid}-${counter++}`);
}
