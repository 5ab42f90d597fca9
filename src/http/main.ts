/**
 * Direct start without the CLI: `node dist/bundle/http-main.js [kanmon serve flags]` (this
 * module, bundled by `npm run build`), configured by environment variables (docs/http.md).
 * Exits 1 with a readable message on bad configuration or rule files.
 */
import { loadServiceConfig, parseServeFlags } from '../config/index.js';
import { ConfigInvalidError, RulesInvalidError, formatRuleIssue } from '../errors.js';
import { startServer } from './server.js';

try {
  const config = loadServiceConfig({ env: process.env, flags: parseServeFlags(process.argv.slice(2)) });
  await startServer(config);
} catch (error) {
  if (error instanceof ConfigInvalidError) {
    process.stderr.write(`kanmon: ${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof RulesInvalidError) {
    process.stderr.write(`kanmon: rule files are invalid; not starting:\n${error.issues.map((i) => `  ${formatRuleIssue(i)}`).join('\n')}\n`);
    process.exit(1);
  }
  throw error;
}
