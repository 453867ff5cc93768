/**
 * StrykerJS 10 declares Node >= 22, and its package entry refuses anything older on import (the
 * guard lives in its CLI module, which the entry re-exports). This machine, and the repo's
 * `engines` (>= 20.19), have Node 20: there the Stryker class is loaded from its own module,
 * next to the entry, which skips the CLI's version check only. On Node >= 22 the entry is used.
 * Stryker is not supported on Node 20 by its authors; the runs in README were made this way.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Stryker as StrykerClass } from '@stryker-mutator/core';

export async function loadStryker(version = process.versions.node): Promise<typeof StrykerClass> {
  if (Number(version.split('.')[0]) >= 22) return (await import('@stryker-mutator/core')).Stryker;
  const entry = createRequire(import.meta.url).resolve('@stryker-mutator/core');
  const module = (await import(pathToFileURL(entry.replace(/index\.js$/, 'stryker.js')).href)) as {
    Stryker: typeof StrykerClass;
  };
  return module.Stryker;
}
