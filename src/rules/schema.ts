/**
 * The rule-file format as a TypeBox (JSON) schema. This one schema validates YAML at load
 * time and is rendered into docs/rule-schema.json; docs/rules.md explains it in prose.
 * Limits (counts, lengths, windows) are part of the schema so that a rule file cannot make
 * scans slow by size alone.
 */
import { Type, type Static } from 'typebox';
import { CATEGORIES, SCAN_CONTEXTS, SEVERITIES } from '../types.js';

/** Upper bounds that keep every rule's cost per scan small and predictable. */
export const LIMITS = Object.freeze({
  wordsPerList: 500,
  wordLength: 64,
  patternsPerRule: 32,
  patternLength: 1000,
  windowChars: 200,
  examplesPerRule: 100,
  exampleLength: 4000,
  rulesPerFile: 500,
});

const Id = Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9][a-z0-9_-]*)+$', maxLength: 80, description: 'Stable dotted id, e.g. `line.id`.' });
const ListName = Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 });
const Word = Type.String({ minLength: 1, maxLength: LIMITS.wordLength });
const Words = Type.Array(Word, { maxItems: LIMITS.wordsPerList, description: 'Literal words; `$name` expands a named list.' });
const Pattern = Type.String({ minLength: 1, maxLength: LIMITS.patternLength });
const Patterns = Type.Array(Pattern, { minItems: 1, maxItems: LIMITS.patternsPerRule, description: 'Regular expressions over normalized text; `{{name}}` inserts a named list as an alternation.' });
const Severity = Type.Union(SEVERITIES.map((s) => Type.Literal(s)));
const ScanContext = Type.Union(SCAN_CONTEXTS.map((c) => Type.Literal(c)));
const Category = Type.Union(CATEGORIES.map((c) => Type.Literal(c)));
const Window = Type.Integer({ minimum: 0, maximum: LIMITS.windowChars });

const contextBase = {
  words: Type.Optional(Words),
  patterns: Type.Optional(Patterns),
  before: Type.Optional(Window),
  after: Type.Optional(Window),
  scope: Type.Optional(
    Type.Union([Type.Literal('window'), Type.Literal('sentence'), Type.Literal('text')], {
      description: '`window` (default): `before`/`after` characters around the finding; `sentence`: the sentence holding it; `text`: anywhere.',
    }),
  ),
};

export const ContextClause = Type.Object(contextBase, { additionalProperties: false });
export const SuppressClause = Type.Object(
  { ...contextBase, severity: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('medium')], { description: 'Cap the severity instead of dropping the finding.' })) },
  { additionalProperties: false },
);
export const BoostClause = Type.Object(
  { ...contextBase, severity: Type.Union([Type.Literal('medium'), Type.Literal('high')]) },
  { additionalProperties: false },
);

const Example = Type.Union([
  Type.String({ minLength: 1, maxLength: LIMITS.exampleLength }),
  Type.Object(
    { text: Type.String({ minLength: 1, maxLength: LIMITS.exampleLength }), context: Type.Optional(ScanContext), severity: Type.Optional(Severity) },
    { additionalProperties: false },
  ),
]);
const ExampleList = Type.Array(Example, { maxItems: LIMITS.examplesPerRule });

export const RuleSchema = Type.Object(
  {
    id: Id,
    category: Category,
    severity: Severity,
    severityByContext: Type.Optional(Type.Partial(Type.Object({ message: Severity, profile: Severity, attachment: Severity }, { additionalProperties: false }))),
    description: Type.String({ minLength: 1, maxLength: 500 }),
    message: Type.Object({ ja: Type.String({ minLength: 1, maxLength: 300 }), en: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }),
    status: Type.Optional(Type.Union([Type.Literal('stable'), Type.Literal('experimental'), Type.Literal('deprecated')])),
    detector: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A built-in or plugin detector id.' })),
    options: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "The detector's options, validated by its own schema." })),
    keywords: Type.Optional(Words),
    patterns: Type.Optional(Patterns),
    contexts: Type.Optional(Type.Array(ScanContext, { minItems: 1, uniqueItems: true })),
    context: Type.Optional(
      Type.Object(
        {
          requireNear: Type.Optional(Type.Array(ContextClause, { maxItems: 8, description: 'Every clause must find a word near the finding, or it is dropped.' })),
          suppress: Type.Optional(Type.Array(SuppressClause, { maxItems: 16 })),
          boost: Type.Optional(Type.Array(BoostClause, { maxItems: 8 })),
        },
        { additionalProperties: false },
      ),
    ),
    yieldOnOverlap: Type.Optional(Type.Boolean({ description: 'Drop this finding when it overlaps a finding of another rule (for catch-all rules).' })),
    examples: Type.Optional(
      Type.Object(
        { match: Type.Optional(ExampleList), noMatch: Type.Optional(ExampleList), todoMatch: Type.Optional(ExampleList), todoNoMatch: Type.Optional(ExampleList) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const OverrideSchema = Type.Object(
  {
    id: Id,
    severity: Type.Optional(Severity),
    severityByContext: Type.Optional(Type.Partial(Type.Object({ message: Severity, profile: Severity, attachment: Severity }, { additionalProperties: false }))),
    disabled: Type.Optional(Type.Boolean()),
    status: Type.Optional(Type.Union([Type.Literal('stable'), Type.Literal('experimental'), Type.Literal('deprecated')])),
  },
  { additionalProperties: false },
);

export const ThresholdsSchema = Type.Object({ block: Severity, review: Severity }, { additionalProperties: false });

export const RuleFileSchema = Type.Object(
  {
    lists: Type.Optional(Type.Record(ListName, Words)),
    rules: Type.Optional(Type.Array(RuleSchema, { maxItems: LIMITS.rulesPerFile })),
    overrides: Type.Optional(Type.Array(OverrideSchema, { maxItems: LIMITS.rulesPerFile })),
    thresholds: Type.Optional(Type.Partial(Type.Object({ message: ThresholdsSchema, profile: ThresholdsSchema, attachment: ThresholdsSchema }, { additionalProperties: false }))),
    plugins: Type.Optional(
      Type.Array(Type.Object({ path: Type.String({ minLength: 1, maxLength: 500, description: 'JavaScript module exporting a detector (`meta` + `create`), relative to this file.' }) }, { additionalProperties: false }), { maxItems: 32 }),
    ),
  },
  { additionalProperties: false, $id: 'https://kanmon.dev/schema/rule-file.json', title: 'Kanmon rule file' },
);

export type RuleFile = Static<typeof RuleFileSchema>;
export type RuleDefinition = Static<typeof RuleSchema>;
export type RuleOverride = Static<typeof OverrideSchema>;
export type RuleExample = Static<typeof Example>;
export type ContextClauseDefinition = Static<typeof ContextClause>;
export type SuppressClauseDefinition = Static<typeof SuppressClause>;
export type BoostClauseDefinition = Static<typeof BoostClause>;
