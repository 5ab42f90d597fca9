/**
 * `kanmon scan`: JSON Lines in, one JSON line (or a `--pretty` report block) out per input
 * line, in input order, streamed with flat memory.
 */
import { open } from 'node:fs/promises';
import { SETTINGS, type ConfigKey } from '../config/schema.js';
import { answerCliBlock, answerCliLines, CLI_BLOCKS, type CliBlockTask, type CliRender } from '../pool/cli-task.js';
import { BLOCK_SLACK, BlockBuffers, fileChunks } from '../pool/line-blocks.js';
import { defaultThreads, IN_FLIGHT_PER_THREAD, ScanPool } from '../pool/scan-pool.js';
import type { LoadOptions } from '../rules/load.js';
import type { RuleSet } from '../rules/rule-set.js';
import { LOCALES, SCAN_CONTEXTS } from '../types.js';
import { HELP_OPTION, RULE_OPTIONS, integerAtLeast, oneOf, parseCommandArgs } from './args.js';
import { EXIT, UsageError, type Command } from './command.js';
import { useColor, type CliIo } from './io.js';
import { loadOptionsOf, loadRulesOrReport } from './load-rules.js';
import { mapLineBlocks, type BlockMapper } from './map-lines.js';
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
/**
 * With `--workers auto`, a FILE at least this large starts its threads at once, so they load
 * while the main thread loads and checks the rules (~1.2 s) instead of after the first lines:
 * 16 MiB is ~12,000 lines of the benchmark mix, ~1.3 s of scanning in one thread.
 */
export const AUTO_WORKERS_EAGER_BYTES = 16 * 1024 * 1024;
/**
 * A pool task is a block of whole input lines cut after this many bytes or lines: 128 KiB is
 * ~100 lines of the benchmark mix, ~12 ms of scanning, against a round trip to a worker of
 * ~0.1 ms; 512 lines of ~50 characters are ~10 ms.
 */
const BLOCK_BYTES = 128 * 1024;
const BLOCK_LINES = 512;
/**
 * A thread's old-generation heap: rules and a block's work fit in 96 MiB, plus room for the
 * longest text allowed, which at the peak of its scan holds ~300 bytes per character (336 MB
 * peak RSS over 1 MiB texts, docs/reliability.md).
 */
const WORKER_HEAP_MB = 96;
const HEAP_BYTES_PER_CHARACTER = 300;
/**
 * With `auto`, blocks kept on each pool thread at once. The main thread hands out blocks only
 * between the blocks it scans itself (~7 ms each), so a thread holding two (one running, one
 * queued, enough when the main thread only reads and writes) ran dry meanwhile: the worker
 * waited 2.4 s of a 6.2 s run (per-block timestamps, 100,000 bench lines, 2 cores). With 6
 * it waited 0.39 s; 12 made the main thread wait instead (1.8 s, for answers to write in
 * order). Median wall time of 5 alternating runs: 6.91 s with 2, 6.02 s with 6.
 */
export const AUTO_IN_FLIGHT_PER_THREAD = 6;
/**
 * With `auto`, how many blocks the main thread may scan ahead of the oldest block still on a
 * worker (its answers wait to be written in order). At 2 it caught up with the worker and
 * waited: 0.93 s of its ~6 s idle after start-up (CPU profile, 100,000 bench lines, 2 cores);
 * at 8 it waited 0.05 s and the run took ~8 % less time (median of 5 alternating runs). It costs
 * 6 more block buffers of 192 KiB and their answers.
 */
const MAIN_THREAD_LEAD_BLOCKS = 8;

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
  --workers N|auto         worker threads that scan while the main thread reads and writes; 0 scans
                           in the main thread; auto (default) scans the first ${AUTO_WORKERS_AFTER_LINES} lines in the
                           main thread, then there and on one thread per other core
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
    const loadOptions = loadOptionsOf(values);

    // Threads asked for start now and load their modules and rules while this thread loads and
    // checks its own copy (~1 s): with `--workers 1` on the benchmark input the thread began
    // 0.34 s into the run and was busy for 95 % of it.
    const scanner = new BlockScanner(loadOptions, workers, { options, pretty: values.pretty, color: useColor(io) }, input.size >= AUTO_WORKERS_EAGER_BYTES);
    try {
      const ruleSet = await loadRulesOrReport(values, io);
      if (!ruleSet) {
        await input.close();
        return EXIT.usage;
      }
      scanner.ruleSet = ruleSet;
      await mapLineBlocks(input.chunks, io.stdout, scanner.map, {
        maxLineBytes: options.maxLineBytes,
        blockBytes: BLOCK_BYTES,
        blockLines: BLOCK_LINES,
        buffers: scanner.buffers,
        window: scanner.window,
      });
    } finally {
      await scanner.close();
    }
    return EXIT.ok;
  },
};

/**
 * Maps blocks of input lines in the main thread or on a pool. With `auto`, the pool starts once
 * the input has proved long: starting threads and loading the rules in each costs more than
 * scanning a short file.
 */
class BlockScanner {
  readonly window: number;
  /** Blocks in flight, one being read and one spare; shared with the threads when there may be any. */
  readonly buffers: BlockBuffers;
  /** The rules every line is answered by; set before the first block. */
  ruleSet: RuleSet | undefined;
  #pool: ScanPool | undefined;
  readonly #poolThreads: number;
  /** Blocks kept on each pool thread at once: its own, one running and the rest queued there. */
  readonly #inFlight: number;
  /** Blocks handed to the pool and not answered yet. */
  #inPool = 0;
  #lines = 0;

  constructor(
    private readonly loadOptions: LoadOptions,
    private readonly workers: number | 'auto',
    private readonly render: CliRender,
    /** Known to be a long input: `auto` starts its threads now. */
    longInput = false,
  ) {
    // `auto`: the main thread scans too, next to one thread per other core. On the benchmark
    // machine (2 cores) two threads beside a mostly idle main thread gave 1.33× one thread:
    // each thread paid ~1.5 s CPU of its own to start (modules, rules, V8 compiling the scan
    // code; ~0.65 s less since the modules come bundled) on 100,000 lines worth ~9 s, and the
    // main thread has already paid it.
    this.#poolThreads = workers === 'auto' ? defaultThreads() - 1 : workers;
    this.#inFlight = workers === 'auto' ? AUTO_IN_FLIGHT_PER_THREAD : IN_FLIGHT_PER_THREAD;
    this.window = Math.max(1, this.#poolThreads * this.#inFlight + (workers === 'auto' ? MAIN_THREAD_LEAD_BLOCKS : 0));
    this.buffers = new BlockBuffers(BLOCK_BYTES + BLOCK_SLACK, this.window + 2, this.#poolThreads > 0);
    if (this.#poolThreads > 0 && (workers !== 'auto' || longInput)) this.#pool = this.#startPool(this.#poolThreads);
  }

  readonly map: BlockMapper = (item) => {
    const ruleSet = this.ruleSet!;
    if ('tooLong' in item) return answerCliLines(ruleSet, { lines: [{ line: item.tooLong, tooLong: true }], ...this.render });
    this.#lines += item.lines;
    if (this.#pool === undefined && this.workers === 'auto' && this.#poolThreads > 0 && this.#lines > AUTO_WORKERS_AFTER_LINES) {
      this.#pool = this.#startPool(this.#poolThreads);
    }
    const task: CliBlockTask = { block: item, ...this.render };
    // With `auto`, a block the pool's threads have no room for (each holds
    // AUTO_IN_FLIGHT_PER_THREAD) is scanned here, while they work.
    const pool = this.#pool !== undefined && (this.workers !== 'auto' || this.#inPool < this.#poolThreads * this.#inFlight) ? this.#pool : undefined;
    if (pool === undefined) {
      const answer = answerCliBlock(ruleSet, task);
      this.buffers.give(item.bytes);
      return answer;
    }
    this.#inPool++;
    return pool.run(CLI_BLOCKS, ruleSet, task).finally(() => {
      this.#inPool--;
      this.buffers.give(item.bytes);
    });
  };

  close(): Promise<void> {
    return this.#pool?.close() ?? Promise.resolve();
  }

  #startPool(threads: number): ScanPool {
    return new ScanPool({
      threads,
      eager: true,
      preload: { kind: CLI_BLOCKS, options: this.loadOptions },
      tasksPerThread: this.#inFlight,
      heapLimitMb: WORKER_HEAP_MB + Math.ceil((this.render.options.maxTextLength * HEAP_BYTES_PER_CHARACTER) / 2 ** 20),
    });
  }
}

/** FILE opened up front, so a wrong path is a usage error before any rule loading or output. */
async function openInput(file: string | undefined, io: CliIo): Promise<{ chunks: AsyncIterable<Uint8Array | string>; size: number; close(): Promise<void> }> {
  if (file === undefined || file === '-') return { chunks: io.stdin, size: 0, close: async () => void io.stdin.destroy() };
  try {
    const handle = await open(file);
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    return { chunks: fileChunks(handle), size: stat.size, close: () => handle.close() };
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function serviceDefault(key: ConfigKey): number {
  return SETTINGS.find((s) => s.key === key)!.default as number;
}
