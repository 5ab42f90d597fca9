import type { DetectorEnv, DetectInput } from '../../src/detectors/types.js';
import { alternation } from '../../src/detectors/words.js';
import { normalize, normalizeLiteral } from '../../src/normalize/index.js';

/** The environment the rule loader gives detectors, without named lists. */
export const env: DetectorEnv = { normalizeLiteral, alternation, list: () => [] };

/** A detector input for a raw text, normalized the way scans do. */
export const inputOf = (text: string, context: DetectInput['context'] = 'message'): DetectInput => ({
  normalized: normalize(text),
  original: text,
  context,
});
