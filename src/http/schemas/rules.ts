/** Shapes of `/v1/rules`, `/v1/rules/reload` and the health probes. */
import { Type } from 'typebox';
import type { RuleStatus } from '../../rules/rule-set.js';
import { CATEGORIES, SEVERITIES } from '../../types.js';
import { named } from './named.js';

export const RuleSummarySchema = Type.Object(
  {
    id: Type.String(),
    category: Type.Enum(CATEGORIES),
    severity: Type.Enum(SEVERITIES),
    status: Type.Enum(['stable', 'experimental', 'deprecated'] satisfies RuleStatus[]),
    description: Type.String(),
    source: Type.String({ description: 'Rule file the rule (or its last override) came from.' }),
  },
  named('RuleSummary'),
);

export const RulesResponseSchema = Type.Object(
  {
    version: Type.String({ description: 'sha256 over the loaded rule files; equals `rulesVersion` in scan results.' }),
    loadedAt: Type.String({ format: 'date-time' }),
    rules: Type.Array(RuleSummarySchema),
  },
  named('RulesResponse'),
);

export const ReloadResponseSchema = Type.Object(
  {
    version: Type.String({ description: 'Version now in force.' }),
    previousVersion: Type.String(),
    changed: Type.Boolean({ description: 'False when the files on disk were identical to the ones already loaded.' }),
    loadedAt: Type.String({ format: 'date-time' }),
    ruleCount: Type.Integer({ minimum: 0 }),
  },
  named('ReloadResponse'),
);

export const HealthResponseSchema = Type.Object({ status: Type.Literal('ok') }, named('Health'));

export const ReadyResponseSchema = Type.Object(
  { status: Type.Literal('ready'), rulesVersion: Type.String() },
  named('Ready'),
);
