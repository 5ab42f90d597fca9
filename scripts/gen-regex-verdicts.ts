/**
 * Writes src/rules/builtin-regex-verdicts.ts: recheck's verdicts on the built-in pack's
 * regular expressions, so loading the pack need not check them again. Run after changing
 * rules/; a test fails until then.
 * Usage: npm run rules:verdicts
 */
import { writeFileSync } from 'node:fs';
import { builtinRegexVerdictTable } from '../src/rules/regex-verdict-table.js';

const target = new URL('../src/rules/builtin-regex-verdicts.ts', import.meta.url);
writeFileSync(target, await builtinRegexVerdictTable());
console.log(`wrote ${target.pathname}`);
