#!/usr/bin/env node
// The `kanmon` command. All logic is in src/cli/ (compiled to dist/ and bundled into
// dist/bundle/ by `npm run build`, which `npm ci` runs through `prepare`; see
// scripts/bundle.mjs); this shim only starts it.
import { runCli } from '../dist/bundle/cli.js';

await runCli();
