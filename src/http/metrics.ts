/**
 * Prometheus metrics of one service instance, in its own prom-client Registry (not the global
 * one, so two apps in one process, as in tests, never share or collide).
 *
 * Labels only ever carry bounded vocabularies: route patterns, status codes, categories,
 * actions and the rules version. Never texts, matches, ids or raw URLs.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RuleSet } from '../rules/rule-set.js';
import { ACTIONS, CATEGORIES, type Action, type Category } from '../types.js';
import type { OutcomeSummary } from './outcome-summary.js';

/** Where a pool task ran: the `ran` label of kanmon_pool_tasks_total. */
const POOL_PLACES = ['worker', 'request_thread'] as const;

/** What a worker pool tells about where its tasks ran (src/pool/scan-pool.ts). */
interface PoolCounts {
  readonly ranOnWorkers: number;
  readonly ranInCaller: number;
}

export class ServiceMetrics {
  readonly registry = new Registry();

  readonly #requests = new Counter({
    name: 'kanmon_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });

  readonly #duration = new Histogram({
    name: 'kanmon_http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
    registers: [this.registry],
  });

  /**
   * Scans and violations since the last scrape, added to the counters below when they are
   * read. prom-client builds a label key string and looks it up for every `inc`: 1.6 µs per
   * scan under load (CPU profile, issue #4); a Map update here, 0.2 µs.
   */
  readonly #pendingScans = new Map<Action, number>(ACTIONS.map((a) => [a, 0]));
  readonly #pendingViolations = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));

  readonly #scans: Counter<'action'> = new Counter({
    name: 'kanmon_scans_total',
    help: 'Texts scanned (single and batch items), by resulting action.',
    labelNames: ['action'] as const,
    registers: [this.registry],
    collect: () => flush(this.#pendingScans, (action, n) => this.#scans.inc({ action }, n)),
  });

  readonly #violations: Counter<'category'> = new Counter({
    name: 'kanmon_violations_total',
    help: 'Violations reported, by category.',
    labelNames: ['category'] as const,
    registers: [this.registry],
    collect: () => flush(this.#pendingViolations, (category, n) => this.#violations.inc({ category }, n)),
  });

  readonly #rulesInfo = new Gauge({
    name: 'kanmon_rules_info',
    help: 'Always 1; the version label is the sha256 of the rule files in force.',
    labelNames: ['version'] as const,
    registers: [this.registry],
  });

  readonly #rulesCount = new Gauge({
    name: 'kanmon_rules_loaded',
    help: 'Number of rules in force.',
    registers: [this.registry],
  });

  readonly #reloadSuccess = new Gauge({
    name: 'kanmon_rules_last_reload_success',
    help: '1 if the last rules (re)load succeeded, 0 if it failed and the previous rules stayed in force.',
    registers: [this.registry],
  });

  readonly #reloadTimestamp = new Gauge({
    name: 'kanmon_rules_last_reload_timestamp_seconds',
    help: 'Unix time of the last rules (re)load attempt.',
    registers: [this.registry],
  });

  readonly #reloads = new Counter({
    name: 'kanmon_rules_reloads_total',
    help: 'Rules (re)load attempts, by result.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  /** The worker pool whose tasks `kanmon_pool_tasks_total` counts (none with KANMON_WORKERS=0). */
  #pool: PoolCounts | undefined;
  readonly #counted = { worker: 0, request_thread: 0 };

  readonly #poolTasks: Counter<'ran'> = new Counter({
    name: 'kanmon_pool_tasks_total',
    help: 'Batch chunks handed to the worker pool (KANMON_WORKERS > 0), by where they ran: worker, or request_thread when the pool queue was full (overload) or a worker failed.',
    labelNames: ['ran'] as const,
    registers: [this.registry],
    collect: () => {
      if (this.#pool === undefined) return;
      const now = { worker: this.#pool.ranOnWorkers, request_thread: this.#pool.ranInCaller };
      for (const ran of POOL_PLACES) {
        this.#poolTasks.inc({ ran }, now[ran] - this.#counted[ran]);
        this.#counted[ran] = now[ran];
      }
    },
  });

  constructor(options: { collectDefaultMetrics: boolean }) {
    if (options.collectDefaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'kanmon_' });
    // Start every series at 0 so rate() and absent-series alerts work from the first scrape.
    for (const action of ACTIONS) this.#scans.inc({ action }, 0);
    for (const category of CATEGORIES) this.#violations.inc({ category }, 0);
  }

  /** Counts the tasks of the service's worker pool in `kanmon_pool_tasks_total`. */
  countPoolTasks(pool: PoolCounts): void {
    this.#pool = pool;
    for (const ran of POOL_PLACES) this.#poolTasks.inc({ ran }, 0);
  }

  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    const labels = { method, route, status_code: statusCode };
    this.#requests.inc(labels);
    this.#duration.observe(labels, seconds);
  }

  recordScan(result: { action: Action; violations: readonly { category: Category }[] }): void {
    this.#pendingScans.set(result.action, (this.#pendingScans.get(result.action) ?? 0) + 1);
    for (const v of result.violations) this.#pendingViolations.set(v.category, (this.#pendingViolations.get(v.category) ?? 0) + 1);
  }

  /** Adds the scans of a chunk summed on a worker (outcome-summary.ts), as `recordScan` would one by one. */
  recordScans(summary: OutcomeSummary): void {
    for (const action of ACTIONS) this.#pendingScans.set(action, this.#pendingScans.get(action)! + summary.actions[action]);
    for (const category of Object.keys(summary.violations) as Category[]) {
      this.#pendingViolations.set(category, (this.#pendingViolations.get(category) ?? 0) + summary.violations[category]!);
    }
  }

  recordReload(ok: boolean, at: Date, inForce: RuleSet | undefined): void {
    this.#reloads.inc({ result: ok ? 'success' : 'failure' });
    this.#reloadSuccess.set(ok ? 1 : 0);
    this.#reloadTimestamp.set(at.getTime() / 1000);
    if (inForce === undefined) return;
    // Reset first so exactly one version series is 1 at any time.
    this.#rulesInfo.reset();
    this.#rulesInfo.set({ version: inForce.version }, 1);
    this.#rulesCount.set(inForce.rules.length);
  }
}

/** Adds each pending count to its counter and sets it back to 0. */
function flush<K>(pending: Map<K, number>, add: (key: K, n: number) => void): void {
  for (const [key, n] of pending) {
    if (n === 0) continue;
    add(key, n);
    pending.set(key, 0);
  }
}
