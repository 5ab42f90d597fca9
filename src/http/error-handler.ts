/**
 * Turns every error, ours or Fastify's, into `{ "error": { "code", "message" } }` with a
 * stable KANMON_* code. Messages are ours or Fastify's fixed texts and never include the
 * request body, so scanned text cannot leak through an error.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
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
import { SECURITY_HEADERS } from './security-headers.js';
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

/**
 * Fastify's `frameworkErrors`: a URL the router cannot decode (`/v1/%E0%A4%A`). Fastify's own
 * answer has another body shape and quotes the URL, which may carry whatever a client put in it.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // No onRequest hook runs for this request: the headers every other answer gets, set here.
  reply.headers(SECURITY_HEADERS);
  reply.header('x-request-id', request.id);
  void sendError(request, reply, { code: INVALID_REQUEST, message: 'The request URL is not valid (malformed percent-encoding); encode path and query with encodeURIComponent.' }, error.statusCode ?? 400);
}

/** What Node's HTTP parser errors (`clientError`) and the idle timeout answer. */
const CLIENT_ERRORS: Readonly<Record<string, readonly [number, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large; send fewer or shorter headers.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request was not received in time; send the whole request without long pauses.'],
};
const MALFORMED_HTTP: readonly [number, string] = [400, 'The request is not valid HTTP/1.1 (request line, headers or body framing, e.g. a body shorter than its Content-Length); fix the client.'];

/** Connections already answered after a parser error: Node reports each later chunk again. */
const answered = new WeakSet<Socket>();

/**
 * Fastify's `clientErrorHandler`: errors Node's HTTP parser raises before Fastify has a
 * request (a malformed request line or header, a body cut short, oversized headers). Answered
 * in our format, not Fastify's `{"error":"Bad Request"}`, then the connection is closed.
 * Nothing is logged: a parser error carries the raw bytes (`rawPacket`), which may hold a text.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
  answered.add(socket);
  const [status, message] = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED_HTTP;
  closeWithError(socket, status, message);
}

/** Where a connection stands when it has been quiet for the idle timeout. */
export type QuietSocketPhase =
  /** No request on it: before the first, or between two (keep-alive). */
  | 'idle'
  /** A request whose body has not all arrived, and no answer started. */
  | 'receiving'
  /** The whole request arrived and the service is still working on it (e.g. on worker threads). */
  | 'working'
  /** The answer has started and the client stopped reading it. */
  | 'responding';

/**
 * Handles a connection quiet for Fastify's `connectionTimeout` (the socket's idle timeout;
 * Node applies `keepAliveTimeout` instead between requests). A client that stopped sending
 * gets 408; one that stopped reading, or sent nothing, is cut. A request the service itself is
 * slow to answer is left alone: the client is not at fault, and load shedding and the drain
 * timeout bound that wait.
 */
export function answerQuietSocket(socket: Socket, phase: QuietSocketPhase): void {
  if (phase === 'working') return;
  if (phase !== 'receiving' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, message] = CLIENT_ERRORS.ERR_HTTP_REQUEST_TIMEOUT!;
  closeWithError(socket, status, message);
}

/** How long a client may take to read an error answer and close, before the socket is cut. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Writes a whole HTTP/1.1 error response straight to the socket (there is no reply object at
 * this stage) and half-closes it. Not `destroy()` as Node and Fastify do: closing a socket with
 * unread input makes the kernel reset the connection, and the reset can discard the answer
 * before the client reads it (seen in 10 of 400 malformed requests sent 16 at a time).
 */
function closeWithError(socket: Socket, status: number, message: string): void {
  const body = JSON.stringify({ error: { code: INVALID_REQUEST, message } });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  // Keep reading (and dropping) what the client still sends until it closes its side.
  socket.resume();
  setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
}
