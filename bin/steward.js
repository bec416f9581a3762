#!/usr/bin/env node
// The `steward` command line. It runs the TypeScript sources through tsx's loader, so that
// `npx steward ...` works right after `npm ci` with no build step to remember.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
