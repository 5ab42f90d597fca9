import { keywordDetector } from '../../src/detectors/keyword.js';
import { alternation } from '../../src/detectors/words.js';
import { normalize, normalizeLiteral } from '../../src/normalize/index.js';
const env = { normalizeLiteral, alternation, list: () => [] };
const n = Number(process.argv[2] ?? 500);
const shared = (ch: string) => Array.from({ length: n }, (_, i) => ch.repeat(63) + String.fromCharCode(0x4e00 + i));
for (const ch of ['あ', 'a']) {
  const words = shared(ch);
  const det = keywordDetector.create({ words }, env);
  for (const size of [2000, 20000]) {
    const text = ch.repeat(size);
    const input = { normalized: normalize(text), original: text, context: 'message' as const };
    const t = performance.now(); det.find(input); console.log(ch, n, 'words', size, 'chars', (performance.now() - t).toFixed(0) + 'ms');
  }
}
