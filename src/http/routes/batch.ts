/**
 * `POST /v1/scan/batch`: many texts in one request, as a JSON array (bounded) or as NDJSON
 * streamed in and out (unbounded, flat memory).
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BatchTooLargeError } from '../../errors.js';
import type { BatchContext } from '../batch.js';
import { jsonResults, ndjsonResults } from '../batch-stream.js';
import { NDJSON_MEDIA_TYPE } from '../ndjson.js';
import { emptySummary } from '../outcome-summary.js';
import { commonErrorResponses, errorResponse } from '../schemas/errors.js';
import { BatchItemResultSchema, BatchRequestSchema, BatchResponseSchema, ScanRequestSchema, type BatchRequest } from '../schemas/scan.js';
import type { RouteOptions } from './options.js';

export const batchRoute: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { service, requireApiKey }) => {
  // Registered in this plugin's scope only, so other routes still answer NDJSON with 415.
  // The body is handed over as the unread stream; lines are parsed as they arrive, which is
  // also why NDJSON has no body limit (KANMON_NDJSON_MAX_LINE_BYTES bounds each line instead).
  app.addContentTypeParser(NDJSON_MEDIA_TYPE, (_request, payload, done) => done(null, payload));

  app.post('/v1/scan/batch', {
    onRequest: requireApiKey,
    config: { accepts: 'application/json or application/x-ndjson' },
    schema: {
      operationId: 'scanBatch',
      tags: ['scan'],
      summary: 'Scan many texts',
      description: [
        'JSON: `{ "items": [...] }` with at most KANMON_BATCH_MAX_ITEMS (default 1000) items; answers `{ "results": [...] }` in the same order.',
        '',
        'NDJSON (`Content-Type: application/x-ndjson`): one ScanRequest per line, any number of lines; answers one result per non-blank line, in order, as NDJSON,',
        'written while the request is still being read. No body limit; each line is limited to KANMON_NDJSON_MAX_LINE_BYTES.',
        '',
        'An item that cannot be scanned gets a BatchItemError in its place (`index` for JSON, `line` for NDJSON) and the batch goes on.',
        'All results of one batch come from the same rules version.',
      ].join('\n'),
      security: [{ apiKey: [] }],
      body: {
        content: {
          'application/json': { schema: BatchRequestSchema },
          [NDJSON_MEDIA_TYPE]: { schema: ScanRequestSchema },
        },
      },
      response: {
        200: {
          description: 'Results in input order; an item that could not be scanned has a BatchItemError in its place.',
          content: {
            'application/json': { schema: BatchResponseSchema },
            [NDJSON_MEDIA_TYPE]: { schema: BatchItemResultSchema },
          },
        },
        400: errorResponse('KANMON_MALFORMED_JSON or KANMON_INVALID_REQUEST (JSON form; the message names the field).'),
        413: errorResponse('KANMON_BATCH_TOO_LARGE (over KANMON_BATCH_MAX_ITEMS) or KANMON_BODY_TOO_LARGE (JSON body over KANMON_BODY_LIMIT).'),
        415: errorResponse('KANMON_UNSUPPORTED_MEDIA_TYPE: send application/json or application/x-ndjson.'),
        ...commonErrorResponses({ auth: true }),
      },
    },
  }, async (request, reply) => {
    const tally = emptySummary();
    request.kanmonLog = { ...request.kanmonLog, batch: tally };
    const ctx: BatchContext = {
      ruleSet: service.currentRules(),
      maxTextLength: service.config.maxTextLength,
      maxLineBytes: service.config.ndjsonMaxLineBytes,
      metrics: service.metrics,
      tally,
      log: request.log,
    };

    if (request.mediaType === NDJSON_MEDIA_TYPE) {
      // Fastify skips body parsing for an empty body, leaving no stream.
      const body = (request.body ?? []) as unknown as AsyncIterable<Buffer>;
      // highWaterMark 1: hold at most one answered chunk while the client is not reading.
      const results = Readable.from(ndjsonResults(body, ctx, service.batchPool), { objectMode: true, highWaterMark: 1 });
      return reply.type(`${NDJSON_MEDIA_TYPE}; charset=utf-8`).send(results);
    }

    const { items } = request.body as BatchRequest;
    if (items.length > service.config.batchMaxItems) throw new BatchTooLargeError(items.length, service.config.batchMaxItems);
    return { results: await jsonResults(items, ctx, service.batchPool) };
  });
};
