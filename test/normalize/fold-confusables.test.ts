import { describe, expect, it } from 'vitest';
import { foldConfusables } from '../../src/normalize/fold-confusables.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';

const fold = (text: string) => foldConfusables(identityMapped(text));

describe('foldConfusables', () => {
  it.each([
    ['Cyrillic і and е in line', 'lіnе', 'line'],
    ['Cyrillic а in gmail', 'gmаil', 'gmail'],
    ['Cyrillic о, р, с, у, х', 'орсух', 'opcyx'],
    ['Cyrillic ј, ѕ, ԁ', 'јѕԁ', 'jsd'],
    ['lower-cased Cyrillic capitals Н, М, Т, В, К', 'нмтвк', 'hmtbk'],
    ['Greek ο, α, ν, ι, κ, τ, ρ, ε', 'οανικτρε', 'oaviktpe'],
    ['small capitals', 'ʟɪɴᴇ', 'line'],
    ['dotless i', 'lıne', 'line'],
    ['inside Japanese', 'ІDはkеnta', 'ІDはkenta'],
  ])('%s', (_case, input, expected) => {
    expect(fold(input).text).toBe(expected);
  });

  it.each([
    ['Latin text', 'line id kenta88'],
    ['Japanese', 'ラインで話そう、よろしく'],
    ['Cyrillic letters that only look like digits', 'збч'],
  ])('leaves %s alone (same object)', (_case, input) => {
    const mapped = identityMapped(input);
    expect(foldConfusables(mapped)).toBe(mapped);
  });
});
