import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as errors from '../../src/errors.js';

/** Every code the HTTP service can answer with, in a body or per batch item. */
const HTTP_CODES = [
  new errors.MalformedJsonError(), new errors.InvalidRequestError(''), new errors.UnauthorizedError(''), new errors.NotFoundError(''),
  new errors.TextTooLongError(2, 1), new errors.BodyTooLargeError(1), new errors.BatchTooLargeError(2, 1), new errors.UnsupportedMediaTypeError(''),
  new errors.RulesInvalidError([]), new errors.InternalError(), new errors.OverloadedError(), new errors.NotReadyError(), new errors.ShuttingDownError(),
  new errors.InvalidInputLineError(''), new errors.LineTooLongError(1),
].map((error) => error.code);

describe('docs/http.md error table', () => {
  const doc = readFileSync(new URL('../../docs/http.md', import.meta.url), 'utf8');
  it.each(HTTP_CODES)('documents %s', (code) => {
    expect(code).toMatch(/^KANMON_[A-Z_]+$/);
    expect(doc).toContain(`\`${code}\``);
  });
});
