/**
 * Turns every error, ours or Fastify's, into `{ "error": { "code", "message" } }` with a
 * stable KANMON_* code. Messages are ours or Fastify's fixed texts and never include the
 * request body, so scanned text cannot leak through an error.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  BodyTooLargeError,
  InternalError,
  InvalidRequestError,
  MalformedJsonError,
  NotFoundError,
  RulesInvalidError,
  UnsupportedMediaTypeError,
} from '../errors.js';
import { pathOf } from './request-log.js';
import type { ErrorDetail } from './schemas/errors.js';

declare module 'fastify' {
  /** Per-route settings the error handler reads (`config` of the route options). */
  interface FastifyContextConfig {
    /** Content types the route accepts, named in 415 messages. Default application/json. */
    accepts?: string;
  }
}

const INVALID_REQUEST = new InvalidRequestError('').code;

interface Mapped {
  status: number;
  body: ErrorDetail;
}

type ValidationIssue = { instancePath: string; keyword?: string; message?: string; params?: Record<string, unknown> };

/**
 * TypeBox reports an unexpected property twice: as "schema is false" at the property and as
 * "must not have additional properties" at the object. Only the second one helps a caller.
 */
export const meaningfulIssues = <T extends { keyword?: string }>(issues: readonly T[]): T[] => {
  const useful = issues.filter((issue) => issue.keyword !== 'boolean');
  return useful.length > 0 ? useful : [...issues];
};

/** Installs the error and not-found handlers on the root instance (inherited by all routes). */
export function installErrorHandling(app: FastifyInstance, options: { bodyLimit: number }): void {
  app.setNotFoundHandler(async (request, reply) => {
    return sendError(request, reply, toDetail(new NotFoundError(`${request.method} ${pathOf(request.url)}`)), 404);
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const mapped = mapError(error, request, options.bodyLimit);
    if (mapped.status >= 500 && mapped.body.code === 'KANMON_INTERNAL') {
      request.log.error({ err: error }, 'request failed');
    }
    return sendError(request, reply, mapped.body, mapped.status);
  });
}

function sendError(request: FastifyRequest, reply: FastifyReply, body: ErrorDetail, status: number) {
  request.kanmonLog = { ...request.kanmonLog, errorCode: body.code };
  // A body the client is still sending is not going to be read; tell it to stop.
  if (status === 413 || status === 415) reply.header('connection', 'close');
  return reply.code(status).type('application/json; charset=utf-8').send({ error: body });
}

function mapError(error: FastifyError, request: FastifyRequest, bodyLimit: number): Mapped {
  if (error instanceof RulesInvalidError) {
    // 422, not 500: the service is fine and still serving the previous rules; the request
    // could not be carried out because of the files on disk, and retrying will not help
    // until they are fixed.
    return {
      status: 422,
      body: {
        code: error.code,
        message: `Rule files are invalid (${error.issues.length} issue${error.issues.length === 1 ? '' : 's'}); the previous rules stay in force. Fix the files and reload again.`,
        issues: error.issues,
      },
    };
  }
  if (error.validation !== undefined) {
    return mapped(new InvalidRequestError(describeValidation(error.validation as ValidationIssue[], error.validationContext)));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return mapped(new MalformedJsonError());
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return mapped(new BodyTooLargeError(request.routeOptions.bodyLimit ?? bodyLimit));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return mapped(new UnsupportedMediaTypeError(request.routeOptions.config.accepts ?? 'application/json'));
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return mapped(new InvalidRequestError('the Content-Length header does not match the body'));
  }
  if (typeof error.code === 'string' && error.code.startsWith('KANMON_') && typeof error.statusCode === 'number') {
    return { status: error.statusCode, body: toDetail(error) };
  }
  // A JSON.parse failure that Fastify did not wrap (e.g. prototype poisoning) is still bad JSON.
  if (error instanceof SyntaxError) return mapped(new MalformedJsonError());
  // Any other client error Fastify raises (a malformed URL, …) keeps its status and its
  // fixed message under our generic code.
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, body: { code: INVALID_REQUEST, message: error.message } };
  return mapped(new InternalError());
}

const mapped = (error: FastifyError): Mapped => ({ status: error.statusCode ?? 500, body: toDetail(error) });

const toDetail = (error: FastifyError): ErrorDetail => ({ code: error.code, message: error.message });

/**
 * "body/text must be string" style, naming the field. Only schema paths and keywords go in:
 * property names of an unexpected field are clipped, values are never echoed.
 */
function describeValidation(issues: readonly ValidationIssue[], part: string | undefined): string {
  return meaningfulIssues(issues).slice(0, 3).map((issue) => {
    const where = `${part ?? 'body'}${issue.instancePath}`;
    const extra = issue.params?.additionalProperties;
    const names = Array.isArray(extra) ? ` (${extra.map((n) => String(n).slice(0, 40)).join(', ')})` : '';
    return `${where} ${issue.message ?? 'is invalid'}${names}`;
  }).join('; ');
}
