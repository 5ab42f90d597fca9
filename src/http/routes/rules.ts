/** `GET /v1/rules` and the admin `POST /v1/rules/reload`. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { summarizeRule } from '../../rules/rule-set.js';
import { commonErrorResponses, errorResponse, jsonResponse } from '../schemas/errors.js';
import { ReloadResponseSchema, RulesResponseSchema } from '../schemas/rules.js';
import type { RouteOptions } from './options.js';

export const rulesRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { service, requireApiKey, requireAdmin }) => {
  app.get('/v1/rules', {
    onRequest: requireApiKey,
    schema: {
      operationId: 'listRules',
      tags: ['rules'],
      summary: 'List the rules in force',
      security: [{ apiKey: [] }],
      response: { 200: jsonResponse('The rules in force.', RulesResponseSchema), ...commonErrorResponses({ auth: true }) },
    },
  }, async () => {
    const ruleSet = service.currentRules();
    return { version: ruleSet.version, loadedAt: ruleSet.loadedAt.toISOString(), rules: ruleSet.rules.map(summarizeRule) };
  });

  app.post('/v1/rules/reload', {
    onRequest: requireAdmin,
    schema: {
      operationId: 'reloadRules',
      tags: ['admin'],
      summary: 'Reload rule files from disk (admin)',
      description: [
        'Reads the rule files again (as SIGHUP does) and puts them in force only if all are valid.',
        'Requires `Authorization: Bearer <KANMON_ADMIN_TOKEN>`; without KANMON_ADMIN_TOKEN configured the route answers 404 like an unknown route.',
        'Invalid files answer 422 KANMON_RULES_INVALID listing every issue, and the previous rules keep serving.',
      ].join('\n'),
      security: [{ adminToken: [] }],
      response: {
        200: jsonResponse('The files were valid and are now in force.', ReloadResponseSchema),
        401: errorResponse('KANMON_UNAUTHORIZED: missing or wrong admin token.'),
        404: errorResponse('KANMON_NOT_FOUND: admin routes are disabled (KANMON_ADMIN_TOKEN is not set).'),
        422: errorResponse('KANMON_RULES_INVALID: the rule files on disk are invalid; `issues` lists each with file, line and column. The previous rules stay in force.'),
        ...commonErrorResponses({ auth: false }),
      },
    },
  }, async () => {
    const outcome = await service.reloadRules('http');
    if (!outcome.ok) throw outcome.error;
    const { ruleSet, previous } = outcome;
    return {
      version: ruleSet.version,
      previousVersion: previous?.version ?? ruleSet.version,
      changed: previous?.version !== ruleSet.version,
      loadedAt: ruleSet.loadedAt.toISOString(),
      ruleCount: ruleSet.rules.length,
    };
  });
};
