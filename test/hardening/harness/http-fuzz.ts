/**
 * Sends malformed requests to a running service and judges every answer: a 4xx with our JSON
 * error body and a catalogued code (or a 200 scan result when the request happened to be
 * valid), never a 5xx, never silence.
 */
import http from 'node:http';
import { describeErrorBody } from './fixtures.js';
import { rawExchange, send, splitResponses, type Request } from './http-client.js';
import { malformedJsonRequests, malformedRawRequests } from './malformed-requests.js';

/** Limits small enough for the fuzz to reach each of them. */
export const FUZZ_LIMITS = Object.freeze({ maxText: 2000, maxLineBytes: 8 * 1024, idleMs: 600 });

/** The service settings the fuzz runs against (plus an admin token of the caller's). */
export const fuzzServerEnv = (adminToken: string): Record<string, string> => ({
  // Everything the service can log, so the leak check sees it all.
  LOG_LEVEL: 'trace',
  KANMON_ADMIN_TOKEN: adminToken,
  KANMON_MAX_TEXT_LENGTH: String(FUZZ_LIMITS.maxText),
  KANMON_BODY_LIMIT: '64kb',
  KANMON_NDJSON_MAX_LINE_BYTES: String(FUZZ_LIMITS.maxLineBytes),
  KANMON_BATCH_MAX_ITEMS: '20',
  KANMON_REQUEST_IDLE_TIMEOUT_MS: String(FUZZ_LIMITS.idleMs),
  // Load shedding is overload.test.ts's subject; here a busy test machine must not turn
  // answers into 503 KANMON_OVERLOADED.
  KANMON_MAX_EVENT_LOOP_DELAY_MS: '0',
});

export interface FuzzResult {
  readonly sent: number;
  /** Answers by status code (`none` when the connection closed without one). */
  readonly byStatus: Readonly<Record<string, number>>;
  /** Answers that break the rule, described with the request that caused them. */
  readonly problems: readonly string[];
  /** Every error body received, for leak checks. */
  readonly errorBodies: readonly string[];
}

/** Runs `task` over `items`, `concurrency` at a time. */
async function pool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

/** Whether a 200 body is JSON (the fuzz sometimes produces a valid request, or asks for /healthz). */
function isJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

const describeRequest = (r: Request | Buffer): string =>
  Buffer.isBuffer(r) ? JSON.stringify(r.toString('latin1').slice(0, 160)) : `${r.method ?? 'POST'} ${r.path.slice(0, 60)} ${JSON.stringify(r.headers ?? {})} ${JSON.stringify(String(r.body ?? '').slice(0, 120))}`;

/**
 * Sends `jsonCount` JSON-level and `rawCount` HTTP-level malformed requests.
 * @example const result = await runHttpFuzz(server.url, server.port, { jsonCount: 2000, rawCount: 400 });
 */
export async function runHttpFuzz(url: string, port: number, counts: { jsonCount: number; rawCount: number }): Promise<FuzzResult> {
  const byStatus: Record<string, number> = {};
  const problems: string[] = [];
  const errorBodies: string[] = [];
  const judge = (request: Request | Buffer, status: number | null, body: string, contentType: string | undefined, headOnly: boolean) => {
    const key = status === null ? 'none' : String(status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    if (status === null) return problems.push(`no answer to ${describeRequest(request)}`);
    if (status >= 500) return problems.push(`${status} for ${describeRequest(request)}: ${body.slice(0, 200)}`);
    if (status === 200 || status === 100) {
      const lines = contentType?.startsWith('application/x-ndjson') ? body.split('\n').filter(Boolean) : [body];
      if (!headOnly && status === 200 && !lines.every(isJson)) problems.push(`200 without a JSON body for ${describeRequest(request)}`);
      return;
    }
    if (status < 400) return problems.push(`${status} for ${describeRequest(request)}`);
    errorBodies.push(body);
    if (headOnly) return;
    const wrong = describeErrorBody(body);
    if (wrong !== null) problems.push(`${status} ${wrong} for ${describeRequest(request)}`);
    else if (!contentType?.startsWith('application/json')) problems.push(`${status} with content-type ${contentType} for ${describeRequest(request)}`);
  };

  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const jsonRequests = malformedJsonRequests(counts.jsonCount);
  await pool(jsonRequests, 8, async (request) => {
    const exchange = await send(url, request, agent);
    judge(request, exchange.status, exchange.body, exchange.headers['content-type'], request.method === 'HEAD');
  });
  agent.destroy();

  const rawRequests = malformedRawRequests(counts.rawCount);
  await pool(rawRequests, 16, async (payload) => {
    const exchange = await rawExchange(port, payload, { timeoutMs: 10_000 });
    // A raw exchange may hold a pipelined valid answer before the error: judge the last one.
    const last = splitResponses(exchange.response).at(-1);
    judge(payload, last?.status ?? null, last?.body ?? '', last?.contentType, false);
  });

  return { sent: jsonRequests.length + rawRequests.length, byStatus, problems, errorBodies };
}
