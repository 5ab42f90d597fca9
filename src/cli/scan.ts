/**
 * `kanmon scan`: JSON Lines in, one JSON line (or a `--pretty` report block) out per input
 * line, in input order, streamed with flat memory.
 */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { SETTINGS, type ConfigKey } from '../config/schema.js';
import { answerCliLines, CLI_LINES, type CliLinesTask } from '../pool/cli-task.js';
import { defaultThreads, ScanPool } from '../pool/scan-pool.js';
import type { LoadOptions } from '../rules/load.js';
import type { RuleSet } from '../rules/rule-set.js';
import { LOCALES, SCAN_CONTEXTS } from '../types.js';
import { HELP_OPTION, RULE_OPTIONS, integerAtLeast, oneOf, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type Command } from './command.js';
import { useColor, type CliIo } from './io.js';
import { loadOptionsOf, loadRulesOrReport } from './load-rules.js';
import { mapLineChunks, type ChunkMapper } from './map-lines.js';
import type { LineScanOptions } from './scan-line.js';

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
  workers: { type: 'string', default: 'auto' },
} as const;

/**
 * With `--workers auto`, lines scanned in the main thread before the pool starts. Starting it
 * (threads, modules, rules in each) took 0.8 s on the benchmark machine, as long as ~5,000
 * average lines take in one thread; a file of 1,000 lines is done in ~0.2 s without it.
 */
export const AUTO_WORKERS_AFTER_LINES = 1000;
/** Most lines per pool task (a few milliseconds of work; one write each). */
const CHUNK_LINES = 256;

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
  --workers N|auto         worker threads that scan; 0 scans in the main thread; auto (default)
                           scans the first ${AUTO_WORKERS_AFTER_LINES} lines in the main thread, then one thread per core
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
    const workers = values.workers === 'auto' ? 'auto' : integerAtLeast('--workers', values.workers, 0);
    const input = await openInput(positionals[0], io);

    const ruleSet = await loadRulesOrReport(values, io);
    if (!ruleSet) {
      input.destroy();
      return EXIT.usage;
    }

    const scanner = new ChunkScanner(ruleSet, loadOptionsOf(values), workers, {
      options,
      pretty: values.pretty,
      color: useColor(io),
    });
    try {
      await mapLineChunks(input, io.stdout, scanner.map, { maxLineBytes: options.maxLineBytes, maxChunkLines: CHUNK_LINES, window: scanner.window });
    } finally {
      await scanner.close();
    }
    return EXIT.ok;
  },
};

/**
 * Maps chunks of lines in the main thread or on a pool. With `auto`, the pool starts once
 * the input has proved long: starting threads and loading the rules in each costs more than
 * scanning a short file.
 */
class ChunkScanner {
  readonly window: number;
  #pool: ScanPool | undefined;
  #lines = 0;

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly loadOptions: LoadOptions,
    private readonly workers: number | 'auto',
    private readonly render: Omit<CliLinesTask, 'lines'>,
  ) {
    const threads = workers === 'auto' ? defaultThreads() : workers;
    this.window = Math.max(1, threads * 2);
    if (typeof workers === 'number' && workers > 0) this.#pool = new ScanPool({ threads: workers, eager: true });
  }

  readonly map: ChunkMapper = (lines) => {
    this.#lines += lines.length;
    if (this.#pool === undefined && this.workers === 'auto' && this.#lines > AUTO_WORKERS_AFTER_LINES) {
      this.#pool = new ScanPool({ threads: defaultThreads(), eager: true });
    }
    const task: CliLinesTask = { lines, ...this.render };
    if (this.#pool === undefined) return answerCliLines(this.ruleSet, task);
    return this.#pool.run(CLI_LINES, { ruleSet: this.ruleSet, options: this.loadOptions }, task);
  };

  close(): Promise<void> {
    return this.#pool?.close() ?? Promise.resolve();
  }
}

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
