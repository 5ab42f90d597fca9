/**
 * `kanmon rules list`: the loaded rules' summaries, as an aligned table or as JSON.
 */
import { summarizeRule } from '../rules/rule-set.js';
import { HELP_OPTION, RULE_OPTIONS, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type Command } from './command.js';
import { write, type CliIo } from './io.js';
import { loadRulesOrReport } from './load-rules.js';

/**
 * `kanmon rules list`.
 * @example await rulesListCommand.run(['--json'], processIo())
 */
export const rulesListCommand: Command = {
  name: 'rules list',
  summary: 'list the loaded rules',
  usage: `Usage: kanmon rules list [options]

Prints one line per loaded rule: id, category, severity, status and description.
With --json, prints what GET /v1/rules answers instead:
{"version": "...", "loadedAt": "...", "rules": [{id, category, severity, status, description, source}, ...]}

Options:
  --rules DIR              extra rule directory or file, after the built-in rules (repeatable)
  --no-builtin-rules       list only the --rules directories
  --json                   print JSON
  -h, --help               show this help`,

  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { ...RULE_OPTIONS, ...HELP_OPTION, json: { type: 'boolean', default: false } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const ruleSet = await loadRulesOrReport(values, io);
    if (!ruleSet) return EXIT.usage;
    const rules = ruleSet.rules.map(summarizeRule);
    if (values.json) {
      await write(io.stdout, `${JSON.stringify({ version: ruleSet.version, loadedAt: ruleSet.loadedAt.toISOString(), rules })}\n`);
      return EXIT.ok;
    }
    // Descriptions may be YAML block scalars; a table row must stay one line.
    const rows = rules.map((r) => [r.id, r.category, r.severity, r.status, r.description.replace(/\s+/g, ' ').trim()]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
    const table = rows.map((row) => row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ')).join('\n');
    await write(io.stdout, `${table}${rows.length > 0 ? '\n' : ''}${rules.length} rules (version ${ruleSet.version})\n`);
    return EXIT.ok;
  },
};
