/**
 * The state one service instance shares between its routes and its server: configuration,
 * the rules in force, metrics and whether it is draining. Routes receive it as a plugin
 * option rather than through decorators, so its type is checked end to end.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ServiceConfig } from '../config/index.js';
import { NotReadyError, RulesInvalidError } from '../errors.js';
import { loadRuleSet } from '../index.js';
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
}

export function createService(config: ServiceConfig, metrics: ServiceMetrics, log: FastifyBaseLogger): Service {
  const rules = new RulesHolder(() => loadRuleSet({ ruleDirs: config.rulesDirs, builtinRules: config.builtinRules }));
  let shuttingDown = false;

  return {
    config,
    metrics,
    rules,
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
