/**
 * A pool of worker threads that scan (piscina underneath). Callers hand it chunks of work
 * with the rule set they read once for the whole batch; the workers compile the same rules
 * from the caller's files (worker-rules.ts), and the answer is always the one the caller's
 * rule set gives: when a worker fails, or the pool's queue is full, the task runs in the
 * caller's thread instead.
 *
 * Order and backpressure are the caller's (`mapInOrder`): the pool runs what it is given.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { ruleFilesOf, type LoadOptions } from '../rules/load.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { TaskKind, WorkerReply, WorkerRequest } from './task-kind.js';
import type { PoolWorkerData } from './worker-rules.js';

export interface ScanPoolOptions {
  /** Worker threads; at least 1. */
  readonly threads: number;
  /**
   * Start the threads when the pool is made (the CLI, which has work waiting) rather than on
   * the first task (the service, where an idle process should not hold threads).
   */
  readonly eager?: boolean;
  /** A thread idle this long exits, and is started again on demand. Default 60 s. */
  readonly idleTimeoutMs?: number;
  /**
   * Load the worker module of this kind and these rules as each thread starts, so that
   * threads get ready while the caller loads (and checks) its own copy of the rules. The CLI
   * gains the threads' start-up (~0.8 s CPU each: modules and rules) on its wall time.
   */
  readonly preload?: { readonly kind: TaskKind<never, unknown>; readonly options: LoadOptions };
  /**
   * Tasks posted to a thread at once (default 1). Piscina keeps waiting tasks in the caller's
   * thread and posts the next only when the caller's event loop sees an answer; a caller that
   * scans too (the CLI's `auto`) would leave the thread idle meanwhile. With 2, the next task
   * already waits in the thread's own message queue and runs as soon as the last one ends.
   */
  readonly tasksPerThread?: number;
  /**
   * Old-generation heap of each thread, in MiB (V8's default when absent). V8 grows a
   * thread's heap lazily, so without a bound peak memory rose with the length of a run: a
   * 100,000-line `kanmon scan` peaked 25 % above a 10,000-line one; with 96 MiB, 7–10 %. A
   * thread that runs out is replaced and its task is answered in the caller's thread.
   */
  readonly heapLimitMb?: number;
  /**
   * Tasks waiting for a thread, at most (default: no bound). A task beyond it runs in the
   * caller's thread instead of waiting. In the service that is what keeps overload visible:
   * load shedding (@fastify/under-pressure) watches the request thread's event loop, which a
   * queue inside the pool would leave idle while answers fall seconds behind; a request
   * thread that scans the overflow itself gets busy, and new requests are answered 503.
   */
  readonly maxQueue?: number;
}

/**
 * Tasks a caller keeps in flight per pool thread: one running, and one waiting so the thread
 * never idles between answers (`kanmon scan`'s blocks, the service's batch chunks).
 */
export const IN_FLIGHT_PER_THREAD = 2;

/**
 * One thread per core.
 * @example new ScanPool({ threads: defaultThreads() })
 */
export const defaultThreads = (): number => availableParallelism();

// Running from the sources, worker modules are .ts files that a thread loads through tsx.
// Otherwise threads inherit the process's options, Node's default: handing them
// process.execArgv instead made Node refuse V8 flags, so `node --max-old-space-size=4096
// bin/kanmon.js scan …` failed with ERR_WORKER_INVALID_EXEC_ARGV.
const EXEC_ARGV = import.meta.url.endsWith('.ts') && !hasTsx(process.execArgv) ? [...process.execArgv, '--import', 'tsx'] : undefined;

function hasTsx(argv: readonly string[]): boolean {
  return argv.some((arg, i) => arg === '--import=tsx' || (arg === '--import' && argv[i + 1] === 'tsx'));
}

export class ScanPool {
  readonly threads: number;
  readonly #piscina: Piscina<WorkerRequest<unknown>, WorkerReply<unknown>>;
  #ranInCaller = 0;
  #ranOnWorkers = 0;

  constructor(options: ScanPoolOptions) {
    this.threads = Math.max(1, Math.floor(options.threads));
    this.#piscina = new Piscina({
      minThreads: options.eager === true ? this.threads : 0,
      ...(options.preload === undefined ? {} : { filename: options.preload.kind.worker.href, workerData: { preload: options.preload.options } satisfies PoolWorkerData }),
      maxThreads: this.threads,
      concurrentTasksPerWorker: options.tasksPerThread ?? 1,
      idleTimeout: options.idleTimeoutMs ?? 60_000,
      ...(options.maxQueue === undefined ? {} : { maxQueue: options.maxQueue }),
      ...(EXEC_ARGV === undefined ? {} : { execArgv: EXEC_ARGV }),
      // A scanning thread's garbage is short-lived: an 8 MiB young generation (V8's default
      // is larger) kept `kanmon scan --workers 1` over 20,000 lines at 224 MiB peak RSS instead
      // of 257 MiB, in the same CPU time (5.6 s vs 6.0 s user; Node 20, bench/cli.bench.ts input).
      resourceLimits: { maxYoungGenerationSizeMb: 8, ...(options.heapLimitMb === undefined ? {} : { maxOldGenerationSizeMb: options.heapLimitMb }) },
    });
  }

  /** Tasks answered by a worker thread. */
  get ranOnWorkers(): number {
    return this.#ranOnWorkers;
  }

  /** Tasks answered in the caller's thread: the queue was full, the rule set had no files to send (not made by `loadRuleSet`), or a worker failed. */
  get ranInCaller(): number {
    return this.#ranInCaller;
  }

  /**
   * Runs a task on a worker with the caller's rules (or, failing that, here). A worker that
   * does not have them yet gets the task again with the rule files (worker-rules.ts).
   * @example const bytes = await pool.run(CLI_BLOCKS, ruleSet, { block, options, pretty: false, color: false })
   */
  async run<Task, Answer>(kind: TaskKind<Task, Answer>, ruleSet: RuleSet, task: Task): Promise<Answer> {
    let reply = await this.#post(kind, { rules: { version: ruleSet.version }, task });
    if (reply?.ok === false) {
      const files = ruleFilesOf(ruleSet);
      if (files !== undefined) reply = await this.#post(kind, { rules: { version: ruleSet.version, files }, task });
    }
    if (reply?.ok === true) {
      this.#ranOnWorkers++;
      return reply.answer;
    }
    this.#ranInCaller++;
    return kind.answer(ruleSet, task);
  }

  /** A task's reply, or undefined when it cannot run on a worker. */
  async #post<Task, Answer>(kind: TaskKind<Task, Answer>, request: WorkerRequest<Task>): Promise<WorkerReply<Answer> | undefined> {
    try {
      return (await this.#piscina.run(request, { filename: kind.worker.href })) as WorkerReply<Answer>;
    } catch {
      // The queue at its bound (maxQueue), or a worker that died or could not compile the
      // rules (piscina replaces it): this task runs here.
      return undefined;
    }
  }

  /** Lets running tasks finish, then ends the threads. */
  close(): Promise<void> {
    return this.#piscina.close();
  }
}
