/**
 * Loading the rule set for a command, with invalid rules reported the one way every
 * command reports them: one `file:line:column: path: message` line per issue on stderr.
 */
import { RulesInvalidError, formatRuleIssue } from '../errors.js';
import { loadRuleSet, type LoadOptions } from '../rules/load.js';
import type { RuleSet } from '../rules/rule-set.js';
import { write, type CliIo } from './io.js';

export interface RuleSourceFlags {
  rules?: string[] | undefined;
  'builtin-rules'?: boolean | undefined;
}

/**
 * Loads the built-in rules (unless `--no-builtin-rules`) and each `--rules` directory;
 * on failure prints every issue and resolves to null.
 * @example const ruleSet = await loadRulesOrReport(values, io); if (!ruleSet) return EXIT.usage;
 */
export async function loadRulesOrReport(flags: RuleSourceFlags, io: CliIo): Promise<RuleSet | null> {
  try {
    return await loadRuleSet(loadOptionsOf(flags));
  } catch (error) {
    await write(io.stderr, `${describeLoadError(error)}\n`);
    return null;
  }
}

/**
 * The loader options the rule flags stand for (also what a scan pool's workers load with).
 * @example loadOptionsOf({ rules: ['my-rules'] }) // { ruleDirs: ['my-rules'], builtinRules: true }
 */
export const loadOptionsOf = (flags: RuleSourceFlags): LoadOptions => ({ ruleDirs: flags.rules ?? [], builtinRules: flags['builtin-rules'] !== false });

/** Every issue on its own line, or the error's message when it is not about rule content. */
export function describeLoadError(error: unknown): string {
  if (error instanceof RulesInvalidError) return error.issues.map(formatRuleIssue).join('\n');
  return `cannot load rules: ${(error as Error).message}`;
}
