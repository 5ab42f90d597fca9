/**
 * `kanmon eval`: scans a labelled corpus with the rule set (or reads results another run
 * produced) and prints the scores of shared/corpus/README.md in score.mjs's layout.
 */
import { scan } from '../engine/scan.js';
import { CorpusLineError, readCorpus, readResults } from '../eval/corpus.js';
import { formatMisses, formatSummary } from '../eval/report.js';
import { CorpusScorer, type ScoredItem } from '../eval/score.js';
import { HELP_OPTION, RULE_OPTIONS, integerAtLeast, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type Command } from './command.js';
import { write, type CliIo } from './io.js';
import { loadRulesOrReport } from './load-rules.js';

const OPTIONS = {
  ...RULE_OPTIONS,
  ...HELP_OPTION,
  results: { type: 'string' },
  misses: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/**
 * `kanmon eval CORPUS.jsonl`.
 * @example await evalCommand.run(['dev.jsonl', '--misses', '10'], processIo())
 */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'score the rules on a labelled corpus (recall, false positives, …)',
  usage: `Usage: kanmon eval CORPUS.jsonl [options]

Scans every corpus item ({"id", "context", "text", "expect", "categories"} per line) and
prints recall, false-positive rate, category recall (medium/high findings only; "a|b"
accepts either), block agreement and per-category figures.

Options:
  --rules DIR              extra rule directory or file, after the built-in rules (repeatable)
  --no-builtin-rules       use only the --rules directories
  --results FILE           score these results (JSON Lines with "id", "action",
                           "violations", e.g. from "kanmon scan") instead of scanning
  --misses N               also list the first N missed items and false positives
  --json                   print the scores as one JSON object
  -h, --help               show this help`,

  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    const [corpusFile, ...extra] = positionals;
    if (corpusFile === undefined) throw new UsageError('missing CORPUS.jsonl');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (values.results !== undefined && (values.rules !== undefined || !values['builtin-rules'])) {
      throw new UsageError('--results scores existing results; it does not go with --rules or --no-builtin-rules');
    }
    const keep = values.misses === undefined ? 0 : integerAtLeast('--misses', values.misses, 0);

    const scorer = new CorpusScorer(keep);
    try {
      if (values.results !== undefined) {
        const results = await readResults(values.results);
        for await (const item of readCorpus(corpusFile)) scorer.add(item, results.get(String(item.id)));
      } else {
        const ruleSet = await loadRulesOrReport(values, io);
        if (!ruleSet) return EXIT.usage;
        for await (const item of readCorpus(corpusFile)) {
          const result = scan(ruleSet, item.text, { context: item.context ?? 'message' });
          scorer.add(item, result);
        }
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (error instanceof CorpusLineError) await write(io.stderr, `${error.message}\n`);
      else if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') await write(io.stderr, `cannot read ${(error as { path?: string }).path ?? corpusFile}: ${code}\n`);
      else throw error;
      return EXIT.usage;
    }

    const summary = scorer.summary();
    if (values.json) {
      const listed = keep > 0 ? { misses: scorer.misses.map(listing), falsePositives: scorer.falsePositives.map(listing) } : {};
      await write(io.stdout, `${JSON.stringify({ ...summary, ...listed })}\n`);
    } else {
      await write(io.stdout, formatSummary(summary) + (keep > 0 ? formatMisses(scorer.misses, scorer.falsePositives) : ''));
    }
    return EXIT.ok;
  },
};

/** A missed item or false positive in `--json` output: labels and what was found. */
const listing = ({ item, result }: ScoredItem) => ({
  id: item.id,
  expect: item.expect,
  categories: item.categories,
  action: result?.action ?? null,
  violations: (result?.violations ?? []).map((v) => ({ ruleId: v.ruleId, category: v.category, severity: v.severity })),
});
