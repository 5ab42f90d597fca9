/**
 * Bearer-token checks for API keys and the admin token, in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestHookHandler } from 'fastify';
import { NotFoundError, UnauthorizedError } from '../errors.js';

export type BearerCheck = 'ok' | 'missing' | 'invalid';

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/**
 * Builds a checker for `Authorization: Bearer <secret>` against a fixed list of secrets.
 * Secrets are hashed once here; a check hashes the presented token and compares it with
 * every digest via timingSafeEqual (equal-length digests, no early exit), so neither the
 * response time nor its variance tells how much of a token was right or which key matched.
 * @example bearerChecker(['k1'])('Bearer k1') // 'ok'
 */
export function bearerChecker(secrets: readonly string[]): (authorization: string | undefined) => BearerCheck {
  const digests = secrets.map(digest);
  return (authorization) => {
    const token = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) return 'missing';
    const presented = digest(token);
    let matched = false;
    for (const d of digests) matched = timingSafeEqual(d, presented) || matched;
    return matched ? 'ok' : 'invalid';
  };
}

const MISSING = 'Send "Authorization: Bearer <key>"; this service requires an API key.';
const INVALID = 'The bearer token is not a valid key for this route.';

/**
 * An onRequest hook that lets through only requests bearing one of `secrets`. Callback style,
 * not async: the check is synchronous (see the hooks in app.ts).
 */
export function requireBearer(secrets: readonly string[]): onRequestHookHandler {
  const check = bearerChecker(secrets);
  return (request, reply, done) => {
    const result = check(request.headers.authorization);
    if (result === 'ok') return done();
    reply.header('www-authenticate', `Bearer realm="kanmon"${result === 'invalid' ? ', error="invalid_token"' : ''}`);
    done(new UnauthorizedError(result === 'missing' ? MISSING : INVALID));
  };
}

/**
 * Guards admin routes. Without an admin token they answer exactly like an unknown route (404),
 * so a deployment that never enabled them does not advertise them either.
 */
export function requireAdmin(adminToken: string | undefined): onRequestHookHandler {
  if (adminToken === undefined) {
    return async (request) => {
      throw new NotFoundError(`${request.method} ${request.url.split('?')[0]}`);
    };
  }
  return requireBearer([adminToken]);
}
