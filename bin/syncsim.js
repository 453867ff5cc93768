#!/usr/bin/env node
/* global process */
// The `syncsim` command. The sources are TypeScript; tsx loads them without a build step so
// `npm install` is the only setup a user needs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../sims/cli/main.ts');
// The one wall-clock read of the command, at the process edge: src/, fakes/ and sims/ may not read
// the real time (replays must not depend on it), but the standalone MotoPress fake has to accept
// OAuth timestamps signed by real clients, so the real time is injected from here.
process.exitCode = await main(process.argv.slice(2), () => Date.now());
