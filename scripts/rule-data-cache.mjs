/**
 * Last step of `npm run build`: writes dist/rule-data-cache.json, the built-in pack's rule
 * files (rules/*.yaml) already read from YAML, so that loading the pack does not run the yaml
 * library on them again (src/rules/rule-data-cache.ts). Runs on the compiled code in dist/.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ruleYamlData } from '../dist/rules/read-rule-file.js';
import { BUILTIN_RULES_DIR } from '../dist/rules/load.js';
import { ruleDataCacheFile, SHIPPED_RULE_DATA_CACHE } from '../dist/rules/rule-data-cache.js';

const sources = readdirSync(BUILTIN_RULES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
  .map((entry) => readFileSync(path.join(BUILTIN_RULES_DIR, entry.name), 'utf8'));
writeFileSync(SHIPPED_RULE_DATA_CACHE, `${JSON.stringify(ruleDataCacheFile(sources, ruleYamlData))}\n`);
