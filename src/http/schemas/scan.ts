/**
 * Request and result shapes of `/v1/scan` and `/v1/scan/batch`. Declared once here; Fastify
 * validates requests and serializes results with them and @fastify/swagger documents them.
 * The vocabulary (categories, actions, …) comes from the engine's constant arrays.
 */
import { Type, type Static } from 'typebox';
import { ACTIONS, CATEGORIES, LOCALES, SCAN_CONTEXTS, SEVERITIES } from '../../types.js';
import { named } from './named.js';

export const ScanRequestSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 256, description: 'Your id for this text (message id, …), echoed back in the result.' })),
    text: Type.String({
      description: 'The text to scan, as the writer typed it. At most KANMON_MAX_TEXT_LENGTH (default 20000) UTF-16 code units; longer texts get 413 KANMON_TEXT_TOO_LONG.',
    }),
    context: Type.Optional(Type.Enum(SCAN_CONTEXTS, { description: 'Where the text appears; thresholds and some rules depend on it. Default "message".' })),
    locale: Type.Optional(Type.Enum(LOCALES, { description: 'Language of the writer-facing `message` of each violation. Default "ja".' })),
    explain: Type.Optional(Type.Boolean({ description: 'Add an `explanation` (rule description, detector, context adjustments) to each violation.' })),
    redact: Type.Optional(Type.Boolean({ description: 'Also return `redactedText`, the text with every violation masked.' })),
  },
  {
    ...named('ScanRequest'),
    // Unknown fields are refused rather than ignored: a misspelt `redcat: true` must not
    // quietly return unredacted text to a caller who believes it asked for redaction.
    additionalProperties: false,
  },
);
export type ScanRequest = Static<typeof ScanRequestSchema>;

export const ExplanationSchema = Type.Object(
  {
    description: Type.String(),
    detector: Type.String(),
    adjustments: Type.Array(Type.String(), { description: 'Context words that raised, capped or required the finding (normalized form).' }),
  },
  named('Explanation'),
);

export const ViolationSchema = Type.Object(
  {
    ruleId: Type.String(),
    category: Type.Enum(CATEGORIES),
    severity: Type.Enum(SEVERITIES, { description: '`low` is informational and never changes the action.' }),
    start: Type.Integer({ minimum: 0, description: 'UTF-16 offset into the text as sent (inclusive).' }),
    end: Type.Integer({ minimum: 0, description: 'UTF-16 offset into the text as sent (exclusive); text.slice(start, end) === match.' }),
    match: Type.String({ description: 'The matched part of the text as sent.' }),
    normalized: Type.String({ description: 'The matched part after normalization (what the rule saw).' }),
    message: Type.String({ description: 'Writer-facing explanation in the requested locale.' }),
    explanation: Type.Optional(ExplanationSchema),
  },
  named('Violation'),
);

export const ScanResultSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ description: 'The `id` you sent, if any.' })),
    action: Type.Enum(ACTIONS, { description: 'block: do not deliver; review: deliver or hold for a moderator (your policy); allow: deliver.' }),
    violations: Type.Array(ViolationSchema),
    rulesVersion: Type.String({ description: 'sha256 of the rule files that produced this result.' }),
    redactedText: Type.Optional(Type.String({ description: 'Only with `redact: true`: the text with each violating character (grapheme) replaced by ＊.' })),
  },
  named('ScanResult'),
);
export type ScanResultBody = Static<typeof ScanResultSchema>;

export const BatchItemErrorSchema = Type.Object(
  {
    index: Type.Optional(Type.Integer({ minimum: 0, description: 'JSON batch: 0-based position of the item.' })),
    line: Type.Optional(Type.Integer({ minimum: 1, description: 'NDJSON batch: 1-based line number of the item.' })),
    id: Type.Optional(Type.String({ description: 'The item\'s `id`, when it could be read.' })),
    error: Type.Object({
      code: Type.String({ description: 'KANMON_INVALID_LINE, KANMON_LINE_TOO_LONG, KANMON_TEXT_TOO_LONG, or KANMON_INTERNAL if scanning this item failed.' }),
      message: Type.String(),
    }),
  },
  { ...named('BatchItemError'), description: 'Stands in place of the result of an item that could not be scanned; the batch goes on.' },
);
export type BatchItemError = Static<typeof BatchItemErrorSchema>;

export const BatchItemResultSchema = Type.Union([ScanResultSchema, BatchItemErrorSchema], {
  description: 'A scan result, or an error for that item.',
});

export const BatchRequestSchema = Type.Object(
  {
    items: Type.Array(ScanRequestSchema, {
      description: 'At most KANMON_BATCH_MAX_ITEMS (default 1000) items; more get 413 KANMON_BATCH_TOO_LARGE. Use NDJSON for more.',
    }),
  },
  { ...named('BatchRequest'), additionalProperties: false },
);
export type BatchRequest = Static<typeof BatchRequestSchema>;

export const BatchResponseSchema = Type.Object(
  { results: Type.Array(BatchItemResultSchema, { description: 'One entry per item, in order.' }) },
  named('BatchResponse'),
);
