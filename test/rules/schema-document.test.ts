import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleSchemaDocument } from '../../src/rules/schema-document.js';

describe('docs/rule-schema.json', () => {
  it('matches the schema the loader validates with (run `npm run docs:schema` after changing it)', () => {
    const committed = readFileSync(new URL('../../docs/rule-schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(ruleSchemaDocument());
  });

  it('documents every top-level key of a rule file', () => {
    const doc = JSON.parse(ruleSchemaDocument()) as { properties: Record<string, unknown> };
    expect(Object.keys(doc.properties).sort()).toEqual(['lists', 'overrides', 'plugins', 'rules', 'thresholds']);
  });
});
