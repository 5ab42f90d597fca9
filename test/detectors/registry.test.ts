import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DETECTORS } from '../../src/detectors/index.js';

// ESLint's habit: a detector without docs, tests or a sorted registry entry fails the build.
const docs = readFileSync(new URL('../../docs/detectors.md', import.meta.url), 'utf8');
const ids = BUILTIN_DETECTORS.map((d) => d.meta.id);

describe('detector registry', () => {
  it('is sorted by id and has no duplicates', () => {
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it.each(ids)('%s has a section in docs/detectors.md', (id) => {
    expect(docs).toContain(`\n## ${id}\n`);
  });

  it.each(ids)('%s has its own test file and module', (id) => {
    expect(existsSync(new URL(`../../src/detectors/${id}.ts`, import.meta.url))).toBe(true);
    expect(existsSync(new URL(`./${id}.test.ts`, import.meta.url))).toBe(true);
  });

  it.each(BUILTIN_DETECTORS.map((d) => [d.meta.id, d] as const))('%s declares a description and an options schema', (_id, detector) => {
    expect(detector.meta.description.length).toBeGreaterThan(10);
    expect(typeof detector.meta.optionsSchema).toBe('object');
    expect(typeof detector.create).toBe('function');
  });

  it('documents no detector that does not exist', () => {
    const documented = [...docs.matchAll(/\n## ([a-z-]+)\n/g)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...ids].sort());
  });
});
