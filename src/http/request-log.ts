/**
 * The request log: exactly one JSON line per request (reqId, route, status, duration and,
 * for scans, action and violation categories) and a logger configured so that texts can not
 * end up in it. Bodies are never logged; the redaction list is a second line of defence
 * should someone log a request body or a result later.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import type { Action, Category } from '../types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the request log line adds beyond status and timing; set by routes and the error handler. */
    kanmonLog: RequestLogFields | null;
  }
}

/** Scan outcomes of one request, accumulated item by item (batches stream). */
export class ScanTally {
  items = 0;
  itemErrors = 0;
  readonly actions: Record<Action, number> = { allow: 0, review: 0, block: 0 };
  readonly categories = new Set<Category>();

  add(result: { action: Action; violations: readonly { category: Category }[] }): void {
    this.items++;
    this.actions[result.action]++;
    for (const v of result.violations) this.categories.add(v.category);
  }

  addError(): void {
    this.items++;
    this.itemErrors++;
  }
}

export interface RequestLogFields {
  /** Single scan: that scan; batch: the sum. */
  scan?: { tally: ScanTally; batch: boolean };
  errorCode?: string;
}

/** Paths pino censors if they ever appear in a log object. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'body',
  'text',
  'redactedText',
  'match',
  'normalized',
  'violations',
  '*.text',
  '*.redactedText',
  '*.match',
  '*.normalized',
  '*.violations',
];

/** Pino options for the service's Fastify logger. */
export function loggerOptions(level: string, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    ...(stream === undefined ? {} : { stream }),
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    serializers: {
      // Only what identifies the request, never headers or body.
      req: (req: { method: string; url: string }) => ({ method: req.method, url: pathOf(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * Fastify's request logging, reduced to one line per request written when the response has
 * finished (no "incoming request" line, no separate not-found line), with our fields.
 */
export class OneLineLogController extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = requestLogLine(request, reply.statusCode, reply.elapsedTime);
    // An error here is the connection's (client went away mid-response), never the request's text.
    if (error) request.log.warn({ ...line, err: error }, 'request ended early');
    else request.log.info(line, 'request completed');
  }
}

/** The fields of the one log line for a finished request. */
export function requestLogLine(request: FastifyRequest, statusCode: number, durationMs: number): Record<string, unknown> {
  const line: Record<string, unknown> = {
    method: request.method,
    route: request.routeOptions.url ?? 'unmatched',
    statusCode,
    durationMs: Math.round(durationMs * 1000) / 1000,
  };
  const extra = request.kanmonLog;
  if (extra?.errorCode !== undefined) line.errorCode = extra.errorCode;
  if (extra?.scan !== undefined) {
    const { tally, batch } = extra.scan;
    if (batch) {
      line.items = tally.items;
      line.actions = tally.actions;
      line.itemErrors = tally.itemErrors;
    } else {
      line.action = (Object.keys(tally.actions) as Action[]).find((a) => tally.actions[a] > 0);
    }
    line.categories = [...tally.categories].sort();
  }
  if (line.route === 'unmatched') line.url = pathOf(request.url);
  return line;
}

/** URL path without query string, clipped: a query could carry text someone put there. */
export function pathOf(url: string): string {
  const path = url.split('?', 1)[0] ?? '';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
