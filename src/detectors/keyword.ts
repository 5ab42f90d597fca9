import { Type, type Static } from 'typebox';
import type { GatedDetectorInstance } from '../engine/literal-gate.js';
import { requiredLiteralSets } from '../engine/required-literals.js';
import type { Candidate, Detector } from './types.js';
import { namesSource } from './words.js';

const Options = Type.Object(
  {
    words: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 2000 }),
    notFollowedBy: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 })),
    notPrecededBy: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type KeywordOptions = Static<typeof Options>;

/**
 * Finds any of a list of words (merged into one alternation at load time, so a scan costs
 * one regex pass however long the list). `notFollowedBy`/`notPrecededBy` exclude compounds
 * such as `LINEスタンプ` where the word names a product rather than a contact channel.
 * @example rules: `keywords: [LINE, ライン]` is shorthand for `detector: keyword, options: {words: [...]}`
 */
export const keywordDetector: Detector<KeywordOptions> = {
  meta: {
    id: 'keyword',
    description: 'Any of a list of words, optionally excluding compounds (words right before or after).',
    optionsSchema: Options,
  },
  create(options, env) {
    const regex = new RegExp(namesSource(options.words, options, env), 'gu');
    const instance: GatedDetectorInstance = {
      partLiterals: [requiredLiteralSets(regex.source, regex.flags)],
      find(input) {
        const text = input.normalized.text;
        const found: Candidate[] = [];
        regex.lastIndex = 0;
        for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
          if (m[0].length === 0) {
            regex.lastIndex++;
            continue;
          }
          found.push({ start: m.index, end: m.index + m[0].length });
        }
        return found;
      },
    };
    return instance;
  },
};
