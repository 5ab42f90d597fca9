/**
 * `kanmon scan`: JSON Lines in, one JSON line (or a `--pretty` report block) out per input
 * line, in input order, streamed with flat memory.
 */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { SETTINGS, type ConfigKey } from '../config/schema.js';
import { LOCALES, SCAN_CONTEXTS } from '../types.js';
import { HELP_OPTION, RULE_OPTIONS, integerAtLeast, oneOf, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type Command } from './command.js';
import { useColor, type CliIo } from './io.js';
import { loadRulesOrReport } from './load-rules.js';
import { mapLines, type LineMapper } from './map-lines.js';
import { formatPretty } from './pretty.js';
import { scanLine, toJsonLine, type LineScanOptions } from './scan-line.js';

/** The HTTP service's defaults (KANMON_MAX_TEXT_LENGTH, KANMON_NDJSON_MAX_LINE_BYTES), so a line passes or fails the same way in both. */
export const DEFAULT_MAX_TEXT_LENGTH = serviceDefault('maxTextLength');
export const DEFAULT_MAX_LINE_BYTES = serviceDefault('ndjsonMaxLineBytes');

const OPTIONS = {
  ...RULE_OPTIONS,
  ...HELP_OPTION,
  context: { type: 'string', default: 'message' },
  locale: { type: 'string', default: 'ja' },
  pretty: { type: 'boolean', default: false },
  explain: { type: 'boolean', default: false },
  'max-text-length': { type: 'string', default: String(DEFAULT_MAX_TEXT_LENGTH) },
  'max-line-bytes': { type: 'string', default: String(DEFAULT_MAX_LINE_BYTES) },
} as const;

/**
 * `kanmon scan [FILE]`.
 * @example await scanCommand.run(['texts.jsonl', '--pretty'], processIo())
 */
export const scanCommand: Command = {
  name: 'scan',
  summary: 'scan JSON Lines texts and print one result per line',
  usage: `Usage: kanmon scan [FILE] [options]

Reads JSON Lines from FILE (or stdin when FILE is absent or "-"), one object per line:
  {"id": "m1", "text": "...", "context": "message", "locale": "ja"}
Only "text" is required; other fields are ignored. Blank lines are skipped but counted.
Writes one JSON line per input line, in input order:
  {"id": "m1", "action": "block", "violations": [...]}
  {"line": 3, "error": {"code": "KANMON_INVALID_LINE", "message": "..."}}
Exits 0 even when texts are blocked.

Options:
  --rules DIR              extra rule directory or file, after the built-in rules (repeatable)
  --no-builtin-rules       load only the --rules directories
  --context C              context for lines without one: message, profile, attachment (default message)
  --locale L               message language for lines without one: ja, en (default ja)
  --max-text-length N      longest text in UTF-16 code units (default ${DEFAULT_MAX_TEXT_LENGTH}, as KANMON_MAX_TEXT_LENGTH)
  --max-line-bytes N       longest input line in bytes (default ${DEFAULT_MAX_LINE_BYTES}, as KANMON_NDJSON_MAX_LINE_BYTES)
  --explain                add an "explanation" to each violation
  --pretty                 print a human-readable report instead of JSON Lines
  -h, --help               show this help`,

  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (positionals.length > 1) throw new UsageError(`expected at most one FILE, got ${positionals.length}`);
    const options: LineScanOptions = {
      context: oneOf('--context', values.context, SCAN_CONTEXTS),
      locale: oneOf('--locale', values.locale, LOCALES),
      explain: values.explain,
      maxTextLength: integerAtLeast('--max-text-length', values['max-text-length'], 1),
      maxLineBytes: integerAtLeast('--max-line-bytes', values['max-line-bytes'], 64),
    };
    const input = await openInput(positionals[0], io);

    const ruleSet = await loadRulesOrReport(values, io);
    if (!ruleSet) {
      input.destroy();
      return EXIT.usage;
    }

    const color = useColor(io);
    const mapLine: LineMapper = (line) => {
      const outcome = scanLine(ruleSet, line, options);
      return values.pretty ? formatPretty(outcome, { color }) : `${toJsonLine(outcome)}\n`;
    };
    await mapLines(input, io.stdout, mapLine, { maxLineBytes: options.maxLineBytes });
    return EXIT.ok;
  },
};

/** FILE opened up front, so a wrong path is a usage error before any rule loading or output. */
async function openInput(file: string | undefined, io: CliIo): Promise<Readable> {
  if (file === undefined || file === '-') return io.stdin;
  try {
    const handle = await open(file);
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    return handle.createReadStream();
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function serviceDefault(key: ConfigKey): number {
  return SETTINGS.find((s) => s.key === key)!.default as number;
}
