/**
 * Builds the Kanmon HTTP service without listening (Fastify's habit: tests call
 * `app.inject()`, `server.ts` listens). Loads the rules before returning, so a service with
 * invalid rules never starts.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifySchemaCompiler } from 'fastify';
import type { DestinationStream } from 'pino';
import type { ServiceConfig } from '../config/index.js';
import { MissingHostError, OverloadedError, ShuttingDownError } from '../errors.js';
import { requireAdmin, requireBearer } from './auth.js';
import { registerDocs } from './docs.js';
import { answerQuietSocket, clientErrorHandler, frameworkErrorHandler, installErrorHandling } from './error-handler.js';
import { ServiceMetrics } from './metrics.js';
import { NDJSON_MEDIA_TYPE } from './ndjson.js';
import { loggerOptions, OneLineLogController, routeOf } from './request-log.js';
import { batchRoute } from './routes/batch.js';
import { healthRoutes } from './routes/health.js';
import type { RouteOptions } from './routes/options.js';
import { rulesRoutes } from './routes/rules.js';
import { scanRoute } from './routes/scan.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { createService, type Service } from './service.js';

export interface BuildAppOptions {
  /** Validated, frozen configuration from `loadServiceConfig`. */
  config: ServiceConfig;
  /** Where log lines go (default stdout); tests pass a stream to read them. */
  logStream?: DestinationStream;
  /** Register prom-client's process metrics (CPU, heap, event loop). Default true. */
  collectDefaultMetrics?: boolean;
}

export type KanmonApp = FastifyInstance & { readonly kanmon: Service };

declare module 'fastify' {
  interface FastifyInstance {
    /** The service state: rules holder, metrics, drain flag. */
    kanmon: Service;
  }
}

/**
 * Builds the service: routes, validation, error handling, logging, metrics, docs.
 * @throws RulesInvalidError when the configured rule files are invalid.
 * @example
 * const app = await buildApp({ config: loadServiceConfig({ env: process.env }) });
 * const res = await app.inject({ method: 'POST', url: '/v1/scan', payload: { text: 'LINE：kenta88' } });
 */
export async function buildApp(options: BuildAppOptions): Promise<KanmonApp> {
  const { config } = options;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    // One line per request, with scan outcomes (request-log.ts).
    logController: new OneLineLogController(),
    genReqId: requestId,
    bodyLimit: config.bodyLimit,
    // Draining is answered by our hook below, in our error format.
    return503OnClosing: false,
    // Errors raised before a route runs (malformed HTTP, an undecodable URL) in our format too.
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
    // Fastify turns Node's socket timeouts off (0). Without one, a client that sends headers
    // and then part of a body holds its socket and request forever.
    connectionTimeout: config.requestIdleTimeoutMs,
    // Node answers a missing Host with an empty 400 of its own; the onRequest hook answers it in our format.
    http: { requireHostHeader: false },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = new ServiceMetrics({ collectDefaultMetrics: options.collectDefaultMetrics ?? true });
  const service = createService(config, metrics, app.log);
  app.decorate('kanmon', service);
  app.addHook('onClose', () => service.closePool());
  app.decorateRequest('kanmonLog', null);
  app.decorateRequest('kanmonRoute', null);

  app.setValidatorCompiler(validatorCompiler);
  installErrorHandling(app, { bodyLimit: config.bodyLimit });
  // Only JSON (and NDJSON on the batch route): text/plain bodies get 415.
  app.removeContentTypeParser('text/plain');

  // The request in progress on each socket, so an idle timeout knows who went quiet.
  const inProgress = new WeakMap<Socket, FastifyReply>();
  app.server.on('timeout', (socket: Socket) => {
    const reply = inProgress.get(socket);
    answerQuietSocket(socket, reply === undefined ? 'idle' : reply.raw.headersSent ? 'responding' : reply.request.raw.complete ? 'working' : 'receiving');
  });

  // The hooks below take a callback instead of being async: none of them waits for anything,
  // and an async hook costs a promise and a microtask hop per request (under 1 µs each, too
  // little to measure on its own on the benchmark machine; issue #4).
  app.addHook('onRequest', (request, reply, done) => {
    inProgress.set(request.raw.socket, reply);
    // Helmet's headers, worked out once (security-headers.ts: 15 µs per request before, ~1 µs now).
    reply.headers(SECURITY_HEADERS);
    reply.header('x-request-id', request.id);
    // Scan results quote private messages: no browser or proxy cache may keep them.
    if (request.url.startsWith('/v1/')) reply.header('cache-control', 'no-store');
    if (request.headers.host === undefined && request.raw.httpVersion !== '1.0') return done(new MissingHostError());
    if (service.shuttingDown && request.routeOptions.url !== '/healthz') {
      reply.header('connection', 'close');
      return done(new ShuttingDownError());
    }
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    // A response started before the drain but sent during it closes its connection too.
    if (service.shuttingDown) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    inProgress.delete(request.raw.socket);
    metrics.observeRequest(request.method, routeOf(request), reply.statusCode, reply.elapsedTime / 1000);
    // A keep-alive connection whose last in-flight request just finished would otherwise
    // hold the drain open until its idle timeout.
    if (service.shuttingDown) setImmediate(() => app.server.closeIdleConnections());
    done();
  });

  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    maxEventLoopUtilization: config.maxEventLoopUtilization,
    // The default, 'cumulative', averages since start-up: after a quiet hour a burst would
    // never trip the limit, and after a busy stretch shedding would outlast the load.
    eventLoopUtilizationMode: 'interval',
    maxHeapUsedBytes: config.maxHeapUsedBytes,
    maxRssBytes: config.maxRssBytes,
    retryAfter: config.retryAfterSeconds,
    sampleInterval: config.pressureSampleIntervalMs,
    customError: OverloadedError,
  });
  await registerDocs(app);

  const routeOptions: RouteOptions = {
    service,
    // No hook at all without API keys, rather than an empty async one on every request.
    requireApiKey: config.apiKeys.length > 0 ? requireBearer(config.apiKeys) : undefined,
    requireAdmin: requireAdmin(config.adminToken),
  };
  await app.register(scanRoute, routeOptions);
  await app.register(batchRoute, routeOptions);
  await app.register(rulesRoutes, routeOptions);
  await app.register(healthRoutes, routeOptions);

  const loaded = await service.reloadRules('startup');
  if (!loaded.ok) {
    await app.close();
    throw loaded.error;
  }
  return app as unknown as KanmonApp;
}

/**
 * TypeBox validation for every part, except an NDJSON body: that one is a stream, checked
 * line by line by the batch route with the same ScanRequest schema.
 */
const validatorCompiler: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' && (route as { contentType?: string }).contentType === NDJSON_MEDIA_TYPE
    ? () => true
    : TypeBoxValidatorCompiler(route as Parameters<typeof TypeBoxValidatorCompiler>[0]);

/** Keeps a caller's X-Request-Id when it is a sane token (to follow a request across services). */
function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}
