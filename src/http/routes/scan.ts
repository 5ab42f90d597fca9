/** `POST /v1/scan`: one text in, the engine's verdict out. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkTextLength, scanItem } from '../scan-item.js';
import { commonErrorResponses, errorResponse, jsonResponse } from '../schemas/errors.js';
import { ScanRequestSchema, ScanResultSchema } from '../schemas/scan.js';
import type { RouteOptions } from './options.js';

export const scanRoute: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { service, requireApiKey }) => {
  app.post('/v1/scan', {
    onRequest: requireApiKey,
    schema: {
      operationId: 'scan',
      tags: ['scan'],
      summary: 'Scan one text',
      description: 'Detects contact details and off-platform solicitation in one text and returns the action to take.',
      security: [{ apiKey: [] }],
      body: ScanRequestSchema,
      response: {
        200: jsonResponse('The action to take and the violations behind it.', ScanResultSchema),
        400: errorResponse('KANMON_MALFORMED_JSON or KANMON_INVALID_REQUEST (the message names the field).'),
        413: errorResponse('KANMON_TEXT_TOO_LONG (text over KANMON_MAX_TEXT_LENGTH) or KANMON_BODY_TOO_LARGE (body over KANMON_BODY_LIMIT).'),
        415: errorResponse('KANMON_UNSUPPORTED_MEDIA_TYPE: send application/json.'),
        ...commonErrorResponses({ auth: true }),
      },
    },
  }, (request, reply) => {
    // Synchronous, not async: nothing here waits (see the hooks in app.ts).
    const ruleSet = service.currentRules();
    const tooLong = checkTextLength(request.body.text, service.config.maxTextLength);
    if (tooLong !== undefined) throw tooLong;
    const result = scanItem(ruleSet, request.body);
    service.metrics.recordScan(result);
    request.kanmonLog = { ...request.kanmonLog, single: result };
    return reply.send(result);
  });
};
