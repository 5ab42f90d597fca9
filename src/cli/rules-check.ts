/**
 * `kanmon rules check`: validates rule files the way the service would load them and
 * prints every problem as `file:line:column: path: message`, one per line.
 */
import { RulesInvalidError, formatRuleIssue } from '../errors.js';
import { loadRuleSet } from '../rules/load.js';
import { HELP_OPTION, RULE_OPTIONS, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type Command } from './command.js';
import { write, type CliIo } from './io.js';
import { describeLoadError } from './load-rules.js';

/**
 * `kanmon rules check`.
 * @example await rulesCheckCommand.run(['--rules', 'my-rules'], processIo()) // 0 or 1
 */
export const rulesCheckCommand: Command = {
  name: 'rules check',
  summary: 'validate rule files; exit 1 listing every problem',
  usage: `Usage: kanmon rules check [options]

Loads the built-in rules and every --rules directory exactly as "kanmon serve" would and
prints "ok: N rules from M files (version …)", or one line per problem:
  FILE:LINE:COLUMN: PATH: MESSAGE
and exits 1.

Options:
  --rules DIR              extra rule directory or file, after the built-in rules (repeatable)
  --no-builtin-rules       check only the --rules directories
  -h, --help               show this help`,

  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { ...RULE_OPTIONS, ...HELP_OPTION });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; rule directories go after --rules`);
    try {
      const ruleSet = await loadRuleSet({ ruleDirs: values.rules ?? [], builtinRules: values['builtin-rules'] });
      const files = ruleSet.files.length;
      await write(io.stdout, `ok: ${ruleSet.rules.length} rules from ${files} file${files === 1 ? '' : 's'} (version ${ruleSet.version})\n`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof RulesInvalidError)) {
        await write(io.stderr, `${describeLoadError(error)}\n`);
        return EXIT.usage;
      }
      const n = error.issues.length;
      await write(io.stdout, `${error.issues.map(formatRuleIssue).join('\n')}\n${n} problem${n === 1 ? '' : 's'} in rule files\n`);
      return EXIT.failed;
    }
  },
};
