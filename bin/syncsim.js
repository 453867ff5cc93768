#!/usr/bin/env node
/* global process, URL */
// The `syncsim` command. Inside the syncsim repo it runs the TypeScript sources; installed from
// npm it runs the compiled dist/ (Node 20 cannot load TypeScript from node_modules). Either way
// tsx is registered, because the project's own syncsim.config.ts and *.scenario.ts are TypeScript.
import { existsSync } from 'node:fs';
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

const sources = new URL('../sims/cli/main.ts', import.meta.url);
const fromSources = existsSync(sources);
register();
if (fromSources) {
  // Scenarios here import `syncsim` by name, as a user's do; this condition (package.json
  // exports) points that at the sources instead of a dist/ that is only built for packing.
  registerHooks(
    'data:text/javascript,export function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "syncsim-source"] }); }',
  );
}
const { main } = await import(fromSources ? sources.href : '../dist/sims/cli/main.js');
// The one wall-clock read of the command, at the process edge: src/, fakes/ and sims/ may not read
// the real time (replays must not depend on it), but the standalone MotoPress fake has to accept
// OAuth timestamps signed by real clients, so the real time is injected from here.
process.exitCode = await main(process.argv.slice(2), { wallClock: () => Date.now() });
