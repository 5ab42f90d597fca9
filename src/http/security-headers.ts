/**
 * Helmet's security headers, computed once at start-up instead of on every request.
 *
 * @fastify/helmet rebuilt helmet's middleware (parsing every option and CSP directive) and ran
 * it on each request: 15 µs of the ~275 µs a `POST /v1/scan` cost under load (CPU profile,
 * issue #4). The headers only depend on the options, so they are worked out here by running
 * helmet's own middleware once against a recording response; setting the frozen result on a
 * reply costs about 1 µs. Same headers, same values, from the same library.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/** What the service sends: helmet's defaults minus `upgrade-insecure-requests`. */
export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  // JSON API: CSP hardly applies, and upgrade-insecure-requests would only hurt plain-HTTP
  // use inside a cluster. /docs sets its own CSP (docs.ts).
  contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
};

/**
 * The headers helmet sets for `options`, lower-cased names. Throws what helmet throws for
 * invalid options, so a bad configuration fails at start-up.
 * @example securityHeaders({})['x-content-type-options'] // 'nosniff'
 */
export function securityHeaders(options: Readonly<HelmetOptions> = HELMET_OPTIONS): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: number | string | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return recorder;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  // Directives that depend on the request (functions, nonces) are not used here: the request
  // stays empty, and a middleware that needed it would throw now rather than per request.
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure !== undefined && failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
  return Object.freeze(headers);
}

/** The headers of HELMET_OPTIONS, computed when this module loads. */
export const SECURITY_HEADERS = securityHeaders(HELMET_OPTIONS);
