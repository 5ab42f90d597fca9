/**
 * The error body every HTTP error uses, `{ "error": { "code", "message" } }`, as one schema
 * that validates nothing (errors are ours) but serializes and documents every error response.
 */
import { Type, type Static } from 'typebox';
import { named } from './named.js';

export const RuleIssueSchema = Type.Object(
  {
    file: Type.String(),
    line: Type.Integer({ minimum: 1 }),
    column: Type.Integer({ minimum: 1 }),
    path: Type.String({ description: 'Dotted path to the offending value, e.g. rules[3].context.near.within.' }),
    message: Type.String(),
    ruleId: Type.Optional(Type.String()),
  },
  { ...named('RuleIssue'), description: 'One problem in a rule file (1-based line and column).' },
);

export const ErrorDetailSchema = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable code, e.g. KANMON_TEXT_TOO_LONG (docs/http.md lists them all).' }),
    message: Type.String({ description: 'What happened and what to do next. Never contains the scanned text.' }),
    issues: Type.Optional(Type.Array(RuleIssueSchema, { description: 'Only with KANMON_RULES_INVALID: every problem found.' })),
  },
  named('Error'),
);
export type ErrorDetail = Static<typeof ErrorDetailSchema>;

export const ErrorResponseSchema = Type.Object({ error: ErrorDetailSchema }, named('ErrorResponse'));

/** A JSON response with its own OpenAPI description (what it means for this route). */
export const jsonResponse = <S>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });

/** An error response; the description names the codes it can carry on this route. */
export const errorResponse = (description: string) => jsonResponse(description, ErrorResponseSchema);

/** Responses that any authenticated JSON route can give. */
export const commonErrorResponses = (options: { auth: boolean }) => ({
  ...(options.auth ? { 401: errorResponse('KANMON_UNAUTHORIZED: missing or wrong bearer token (only when KANMON_API_KEYS is set).') } : {}),
  500: errorResponse('KANMON_INTERNAL: a fault in the service; the log has details under the request id.'),
  503: errorResponse('KANMON_OVERLOADED (with Retry-After), KANMON_NOT_READY or KANMON_SHUTTING_DOWN: try again, possibly on another instance.'),
});
