#!/usr/bin/env node
/* global process */
// The `syncsim` command. The sources are TypeScript; tsx loads them without a build step so
// `npm install` is the only setup a user needs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../sims/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
