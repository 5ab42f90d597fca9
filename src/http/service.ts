/**
 * The state one service instance shares between its routes and its server: configuration,
 * the rules in force, metrics and whether it is draining. Routes receive it as a plugin
 * option rather than through decorators, so its type is checked end to end.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ServiceConfig } from '../config/index.js';
import { NotReadyError, RulesInvalidError } from '../errors.js';
import { loadRuleSet, type LoadOptions } from '../index.js';
import { ScanPool } from '../pool/scan-pool.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { ServiceMetrics } from './metrics.js';
import { RulesHolder, type ReloadOutcome } from './rules-holder.js';

export type ReloadTrigger = 'startup' | 'http' | 'sighup';

export interface Service {
  readonly config: ServiceConfig;
  readonly metrics: ServiceMetrics;
  readonly rules: RulesHolder;
  /** True once a drain has begun: /readyz fails and new requests get 503. */
  readonly shuttingDown: boolean;
  beginShutdown(): void;
  /** The RuleSet in force; read it once per request. @throws NotReadyError before the first load. */
  currentRules(): RuleSet;
  /** Reloads the rule files, logs and records the outcome; never rejects. */
  reloadRules(trigger: ReloadTrigger): Promise<ReloadOutcome>;
  /**
   * Worker threads for batch chunks (KANMON_WORKERS), undefined when 0. Each task names the
   * rules version its batch read, and a worker without it compiles it from the batch's rule
   * files, so a reload reaches the workers without restarting them (src/pool/worker-rules.ts).
   */
  readonly batchPool: ScanPool | undefined;
  /** Ends the worker threads once their tasks are done. */
  closePool(): Promise<void>;
}

/**
 * Batch chunks waiting per pool thread. An NDJSON stream keeps two chunks per thread in flight
 * (one running, one waiting; batch-stream.ts), so two streams at once still fit, and a chunk
 * (≤ 256 items, ~10 ms of scanning) waits at most a few chunks' time.
 */
const QUEUED_CHUNKS_PER_THREAD = 2;

export function createService(config: ServiceConfig, metrics: ServiceMetrics, log: FastifyBaseLogger): Service {
  const loadOptions: LoadOptions = { ruleDirs: config.rulesDirs, builtinRules: config.builtinRules };
  const rules = new RulesHolder(() => loadRuleSet(loadOptions));
  let shuttingDown = false;
  // Threads start on the first large batch chunk and exit when idle, so an idle service holds none.
  // The queue is bounded so that overload reaches the request thread and is shed (scan-pool.ts).
  const batchPool = config.workers > 0 ? new ScanPool({ threads: config.workers, maxQueue: config.workers * QUEUED_CHUNKS_PER_THREAD }) : undefined;
  if (batchPool !== undefined) metrics.countPoolTasks(batchPool);

  return {
    config,
    metrics,
    rules,
    batchPool,
    closePool: () => batchPool?.close() ?? Promise.resolve(),
    get shuttingDown() {
      return shuttingDown;
    },
    beginShutdown() {
      shuttingDown = true;
    },
    currentRules() {
      const ruleSet = rules.current;
      if (ruleSet === undefined) throw new NotReadyError();
      return ruleSet;
    },
    async reloadRules(trigger) {
      const outcome = await rules.reload();
      metrics.recordReload(outcome.ok, outcome.at, rules.current);
      if (outcome.ok) {
        const { ruleSet, previous } = outcome;
        log.info({ trigger, rulesVersion: ruleSet.version, previousVersion: previous?.version, ruleCount: ruleSet.rules.length }, 'rules loaded');
      } else {
        const consequence = outcome.current === undefined ? 'no rules to serve' : 'previous rules stay in force';
        if (outcome.error instanceof RulesInvalidError) {
          log.error({ trigger, issues: outcome.error.issues, rulesVersion: outcome.current?.version }, `rule files are invalid; ${consequence}`);
        } else {
          log.error({ trigger, err: outcome.error, rulesVersion: outcome.current?.version }, `rules could not be loaded; ${consequence}`);
        }
      }
      return outcome;
    },
  };
}
