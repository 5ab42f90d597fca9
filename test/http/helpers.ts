/** Shared set-up for the HTTP tests: real config parsing, real rules, real engine. */
import { Writable } from 'node:stream';
import { loadServiceConfig } from '../../src/config/index.js';
import { buildApp, type KanmonApp } from '../../src/http/app.js';

/** A text the built-in rules block (a LINE id) and one they allow. */
export const BLOCKED_TEXT = 'よろしければLINEで連絡ください。ID：kenta_88';
export const ALLOWED_TEXT = 'ご購入ありがとうございます。明日発送いたします。';

/** Builds the app from environment-style settings, logging nowhere unless asked. */
export async function buildTestApp(env: Record<string, string> = {}, logStream?: Writable): Promise<KanmonApp> {
  const config = loadServiceConfig({ env: { LOG_LEVEL: logStream ? 'info' : 'silent', ...env } });
  return buildApp({ config, logStream, collectDefaultMetrics: false });
}

/** A writable that keeps every log line written to it. */
export function logCapture(): { stream: Writable; lines: () => Record<string, unknown>[]; raw: () => string } {
  let raw = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw += chunk.toString('utf8');
      callback();
    },
  });
  return {
    stream,
    raw: () => raw,
    lines: () => raw.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** The parsed JSON lines of an NDJSON response body. */
export const ndjsonLines = (body: string): Record<string, unknown>[] =>
  body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
