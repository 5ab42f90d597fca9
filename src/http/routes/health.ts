/** Probes and metrics: `/healthz`, `/readyz`, `/metrics`. None needs credentials. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ShuttingDownError } from '../../errors.js';
import { errorResponse, jsonResponse } from '../schemas/errors.js';
import { HealthResponseSchema, ReadyResponseSchema } from '../schemas/rules.js';
import type { RouteOptions } from './options.js';

/** Liveness and metrics must answer under load, or an orchestrator restarts a busy instance. */
const exemptFromLoadShedding = { pressureHandler: () => undefined };

export const healthRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { service }) => {
  app.get('/healthz', {
    config: exemptFromLoadShedding,
    schema: {
      operationId: 'health',
      tags: ['operations'],
      summary: 'Liveness: the process is up',
      response: { 200: jsonResponse('The process is up.', HealthResponseSchema) },
    },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    schema: {
      operationId: 'ready',
      tags: ['operations'],
      summary: 'Readiness: rules are loaded and the instance is not draining',
      response: {
        200: jsonResponse('Ready for traffic.', ReadyResponseSchema),
        503: errorResponse('KANMON_NOT_READY (rules not loaded), KANMON_SHUTTING_DOWN (draining) or KANMON_OVERLOADED: send traffic elsewhere.'),
      },
    },
  }, async () => {
    if (service.shuttingDown) throw new ShuttingDownError();
    return { status: 'ready' as const, rulesVersion: service.currentRules().version };
  });

  app.get('/metrics', {
    config: exemptFromLoadShedding,
    schema: {
      operationId: 'metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics (text exposition format)',
      response: { 200: { description: 'Prometheus text format.', content: { 'text/plain': { schema: { type: 'string' } } } } },
    },
  }, async (_request, reply) => {
    const { registry } = service.metrics;
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};
