/**
 * A small HTTP/1.1 client for the hardening tests: node:http with a keep-alive agent, every
 * exchange timed and kept whole (status, headers, body, or the socket error), and a closed-loop
 * load generator built on it. Loopback only.
 */
import http from 'node:http';
import net from 'node:net';

export interface Request {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Exchange {
  /** `performance.now()` when the request was handed to the socket, and when it ended. */
  readonly sentAt: number;
  readonly endedAt: number;
  readonly status: number | null;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** Socket-level failure (ECONNREFUSED, ECONNRESET, …) instead of a response. */
  readonly error?: string;
}

/** Sends one request and resolves with the whole exchange; never rejects, never hangs (60 s at most). */
export function send(baseUrl: string, request: Request, agent?: http.Agent): Promise<Exchange> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    let settled = false;
    const done = (result: Omit<Exchange, 'sentAt' | 'endedAt'>) => {
      if (settled) return;
      settled = true;
      resolve({ sentAt, endedAt: performance.now(), ...result });
    };
    const body = request.body;
    const req = http.request(`${baseUrl}${request.path}`, {
      method: request.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...request.headers },
      agent: agent ?? false,
      timeout: 60_000,
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('no answer within 60 s'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => done({ status: null, headers: {}, body: '', error: error.code ?? error.message }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      const received = () => Buffer.concat(chunks).toString('utf8');
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (error: NodeJS.ErrnoException) => done({ status: res.statusCode ?? null, headers: res.headers, body: received(), error: error.code ?? error.message }));
      res.on('end', () => done({ status: res.statusCode ?? null, headers: res.headers, body: received() }));
      // A connection cut mid-body ends with 'close' and no 'end'.
      res.on('close', () => done({ status: res.statusCode ?? null, headers: res.headers, body: received(), error: 'INCOMPLETE' }));
    });
    req.end(body);
  });
}

/** POST a JSON value (or a JSON string as is) to a path. */
export const jsonRequest = (path: string, body: unknown, headers: Record<string, string> = {}): Request => ({
  path,
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

export interface LoadOptions {
  /** Parallel clients, each sending its next request as soon as the last one is answered. */
  concurrency: number;
  /** The i-th request of the run (i counts across clients). */
  next(i: number): Request;
  /** Keep-alive (default) or a new connection per request. */
  keepAlive?: boolean;
}

/** An exchange of a load run, with the index its request was made with (`next(index)`). */
export interface LoadExchange extends Exchange {
  readonly index: number;
}

export interface LoadRun {
  /** Stops sending; resolves with every exchange once the ones in flight are answered (in the order they ended). */
  stop(): Promise<LoadExchange[]>;
  /** Exchanges finished so far, in the order they ended (not the order they were sent). */
  readonly done: readonly LoadExchange[];
  /** Requests handed out so far. */
  readonly sent: number;
}

/**
 * Closed-loop load: `concurrency` clients, each waiting for its answer before sending again.
 * @example const load = startLoad(url, { concurrency: 8, next: () => jsonRequest('/v1/scan', { text: 'a' }) }); …; await load.stop();
 */
export function startLoad(baseUrl: string, options: LoadOptions): LoadRun {
  const agent = new http.Agent({ keepAlive: options.keepAlive ?? true, maxSockets: options.concurrency });
  const done: LoadExchange[] = [];
  let stopped = false;
  let sent = 0;
  const clients = Array.from({ length: options.concurrency }, async () => {
    while (!stopped) {
      const index = sent++;
      const exchange = await send(baseUrl, options.next(index), agent);
      done.push({ ...exchange, index });
      // A refused connection answers at once; do not spin.
      if (exchange.error !== undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
  return {
    done,
    get sent() {
      return sent;
    },
    async stop() {
      stopped = true;
      await Promise.all(clients);
      agent.destroy();
      return done;
    },
  };
}

export interface RawOptions {
  /** Half-close after writing (default true); false leaves the connection open, as a stalled client does. */
  end?: boolean;
  /** Write the payload in pieces of this many bytes, `delayMs` apart (a slow client). */
  pieceBytes?: number;
  delayMs?: number;
  /** Give up waiting for the server after this long (default 5 s). */
  timeoutMs?: number;
  /** Stop at the first whole response instead of waiting for the server to close. */
  untilAnswered?: boolean;
}

export interface RawExchange {
  /** Everything the server wrote before closing (or before the timeout). */
  readonly response: string;
  readonly status: number | null;
  readonly body: string;
  /** The server closed the connection (rather than the wait timing out). */
  readonly closed: boolean;
  /** A socket error on the way (ECONNRESET, …). */
  readonly error?: string;
}

/** Writes raw bytes on a fresh loopback connection and collects what comes back. */
export function rawExchange(port: number, payload: string | Buffer, options: RawOptions = {}): Promise<RawExchange> {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    let error: string | undefined;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const response = Buffer.concat(chunks).toString('utf8');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(response);
      const bodyAt = response.indexOf('\r\n\r\n');
      resolve({ response, status: status ? Number(status[1]) : null, body: bodyAt < 0 ? '' : response.slice(bodyAt + 4), closed, ...(error === undefined ? {} : { error }) });
    };
    const timer = setTimeout(() => finish(false), options.timeoutMs ?? 5_000);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (options.untilAnswered && splitResponses(Buffer.concat(chunks).toString('utf8')).length > 0) finish(false);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
      finish(true);
    });
    socket.on('close', () => finish(true));
    socket.on('connect', async () => {
      const piece = options.pieceBytes ?? bytes.length;
      for (let at = 0; at < bytes.length && !settled; at += piece) {
        socket.write(bytes.subarray(at, at + piece));
        if (options.delayMs && at + piece < bytes.length) await new Promise((r) => setTimeout(r, options.delayMs));
      }
      if (options.end ?? true) socket.end();
    });
  });
}

/** The whole responses in raw bytes read from one connection (Content-Length framing, as the service answers). */
export function splitResponses(raw: string): { status: number; contentType: string | undefined; body: string }[] {
  const out: { status: number; contentType: string | undefined; body: string }[] = [];
  let at = 0;
  while (at < raw.length) {
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(raw.slice(at, at + 16));
    const headerEnd = raw.indexOf('\r\n\r\n', at);
    if (status === null || headerEnd < 0) break;
    const head = raw.slice(at, headerEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const rest = Buffer.from(raw.slice(headerEnd + 4), 'utf8');
    if (rest.length < length) break; // not all of it yet
    const body = rest.subarray(0, length).toString('utf8');
    out.push({ status: Number(status[1]), contentType: /\r\ncontent-type: *([^\r]*)/i.exec(head)?.[1], body });
    at = headerEnd + 4 + body.length;
  }
  return out;
}

/** Latency percentile (0–100) of exchanges, in milliseconds. */
export function percentile(exchanges: readonly Exchange[], p: number): number {
  if (exchanges.length === 0) return Number.NaN;
  const sorted = exchanges.map((e) => e.endedAt - e.sentAt).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
