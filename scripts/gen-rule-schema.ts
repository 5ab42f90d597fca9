/**
 * Writes docs/rule-schema.json from the TypeBox schema that validates rule files, so the
 * documented format and the enforced one are the same object. A test fails when it drifts.
 * Usage: npm run docs:schema
 */
import { writeFileSync } from 'node:fs';
import { ruleSchemaDocument } from '../src/rules/schema-document.js';

const target = new URL('../docs/rule-schema.json', import.meta.url);
writeFileSync(target, ruleSchemaDocument());
console.log(`wrote ${target.pathname}`);
