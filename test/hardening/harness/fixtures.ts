/** Texts, secrets and the error-code catalogue shared by the hardening tests and the report. */
import { readFileSync } from 'node:fs';

/** Contact details that must never leave the service except in a 200 scan result. */
export const CONTACT = Object.freeze({
  email: 'hina.kobayashi77@gmail.com',
  phone: '090-4821-7736',
  lineId: 'hina_line_0721',
});

/** A message holding all three: the built-in rules block it. */
export const SECRET_TEXT = `よろしければLINEで連絡ください。IDは ${CONTACT.lineId} です。メール ${CONTACT.email} 電話 ${CONTACT.phone} までお気軽にどうぞ`;

/**
 * Fragments of SECRET_TEXT to look for in logs, error bodies and metrics: each contact detail
 * as written and as normalized, and a piece of the prose. Long enough not to occur by chance
 * in a UUID or a timestamp.
 */
export const SECRET_FRAGMENTS: readonly string[] = Object.freeze([
  CONTACT.email, 'hina.kobayashi', 'kobayashi77', CONTACT.phone, '4821-7736', '9048217736', CONTACT.lineId, 'hina_line', 'お気軽にどうぞ', 'よろしければline',
]);

export const ALLOWED_TEXT = 'ご購入ありがとうございます。明日発送いたします。';

/** Every KANMON_* code the catalogue (`src/errors.ts`, the only place codes are made) defines. */
export const ERROR_CODES: ReadonlySet<string> = new Set(
  readFileSync(new URL('../../../src/errors.ts', import.meta.url), 'utf8').match(/'KANMON_[A-Z_]+'/g)!.map((quoted) => quoted.slice(1, -1)),
);

/** Codes named in docs/http.md. */
export const DOCUMENTED_CODES: ReadonlySet<string> = new Set(
  readFileSync(new URL('../../../docs/http.md', import.meta.url), 'utf8').match(/`KANMON_[A-Z_]+`/g)!.map((quoted) => quoted.slice(1, -1)),
);

/**
 * Whether a body is our error shape with a catalogued, documented code; returns what is wrong, or null.
 * @example describeErrorBody('{"error":{"code":"KANMON_NOT_FOUND","message":"…"}}') // null
 */
export function describeErrorBody(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `not JSON: ${JSON.stringify(body.slice(0, 120))}`;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return `not { error: { code, message } }: ${body.slice(0, 120)}`;
  if (!ERROR_CODES.has(error.code)) return `code ${error.code} is not in src/errors.ts`;
  if (!DOCUMENTED_CODES.has(error.code)) return `code ${error.code} is not documented in docs/http.md`;
  return null;
}
