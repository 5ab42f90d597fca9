import { RuleFileSchema } from './schema.js';

/**
 * The rule-file JSON Schema as published in docs/rule-schema.json (draft 2020-12), for
 * editors and other tools. Generated from the schema the loader validates with.
 * @example JSON.parse(ruleSchemaDocument()).title // 'Kanmon rule file'
 */
export function ruleSchemaDocument(): string {
  const schema = JSON.parse(JSON.stringify(RuleFileSchema)) as Record<string, unknown>;
  return `${JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...schema }, null, 2)}\n`;
}
