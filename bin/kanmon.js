#!/usr/bin/env node
// The `kanmon` command. All logic is in src/cli/ (compiled to dist/ by `npm run build`,
// which `npm ci` runs through `prepare`); this shim only starts it.
import { runCli } from '../dist/cli/main.js';

await runCli();
