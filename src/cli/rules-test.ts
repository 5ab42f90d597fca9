/**
 * `kanmon rules test`: runs every rule's `examples` through the real scanner and reports
 * per rule, Semgrep-style: failures in full, known gaps counted, fixed gaps called out.
 */
import { runRuleExamples, type ExampleOutcome, type RuleExampleReport } from '../rules/run-examples.js';
import { HELP_OPTION, RULE_OPTIONS, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type Command } from './command.js';
import { write, type CliIo } from './io.js';
import { loadRulesOrReport } from './load-rules.js';

/**
 * `kanmon rules test`.
 * @example await rulesTestCommand.run([], processIo()) // 1 when an example fails
 */
export const rulesTestCommand: Command = {
  name: 'rules test',
  summary: "run every rule's examples; exit 1 on any failure",
  usage: `Usage: kanmon rules test [options]

Scans every example written in the rules' "examples" block and checks it:
  match        the rule must report the text (at "severity", when the example gives one)
  noMatch      the rule must not report it (at "severity", when given)
  todoMatch    known gaps: counted as todo, and reported as fixed once they pass,
  todoNoMatch  so they can be moved to match / noMatch
Examples run in their own "context", else "message" when the rule applies there,
else the rule's first context. Exits 1 when any match/noMatch example fails; fixed
gaps are reported but do not fail the run.

Options:
  --rules DIR              extra rule directory or file, after the built-in rules (repeatable)
  --no-builtin-rules       test only the --rules directories
  -h, --help               show this help`,

  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { ...RULE_OPTIONS, ...HELP_OPTION });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const ruleSet = await loadRulesOrReport(values, io);
    if (!ruleSet) return EXIT.usage;

    const reports = runRuleExamples(ruleSet);
    for (const report of reports) await write(io.stdout, formatReport(report));
    const total = (pick: (r: RuleExampleReport) => number) => reports.reduce((sum, r) => sum + pick(r), 0);
    const failedRules = reports.filter((r) => r.failed.length > 0).length;
    await write(
      io.stdout,
      `\n${reports.length} rule${reports.length === 1 ? '' : 's'} (${failedRules} failing): ${total((r) => r.passed)} passed, ${total((r) => r.failed.length)} failed, ` +
        `${total((r) => r.todo.length)} todo, ${total((r) => r.fixed.length)} fixed\n`,
    );
    return failedRules > 0 ? EXIT.failed : EXIT.ok;
  },
};

/**
 * One rule's block: a ✓/✗ headline with counts, then failures, open gaps and fixed gaps.
 * @example formatReport({ ruleId: 'line.id', passed: 3, failed: [], todo: [], fixed: [], source }) // '✓ line.id (3 passed)\n'
 */
export function formatReport(report: RuleExampleReport): string {
  const counts = [`${report.passed} passed`];
  if (report.failed.length > 0) counts.push(`${report.failed.length} failed`);
  if (report.todo.length > 0) counts.push(`${report.todo.length} todo`);
  if (report.fixed.length > 0) counts.push(`${report.fixed.length} fixed`);
  let out = `${report.failed.length > 0 ? '✗' : '✓'} ${report.ruleId} (${counts.join(', ')})\n`;
  for (const o of report.failed) out += `    ✗ ${describeExample(o)}\n      ${o.detail}\n`;
  for (const o of report.todo) out += `    · todo ${describeExample(o)}\n`;
  for (const o of report.fixed) out += `    ★ fixed ${describeExample(o)}\n      now passes; move it from ${o.kind} to ${o.kind === 'todoMatch' ? 'match' : 'noMatch'} in ${report.source}\n`;
  return out;
}

const describeExample = (o: ExampleOutcome): string => `${o.kind} ${quote(o.text)}`;

/** Long examples are cut so one report line stays readable. */
const quote = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 79)}…` : text);
