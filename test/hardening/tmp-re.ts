import { checkSync } from 'recheck';
import { alternation, namesSource } from '../../src/detectors/words.js';
import { normalizeLiteral } from '../../src/normalize/index.js';
const env = { normalizeLiteral, alternation };
const srcs = [
  alternation(['line', 'らいん', 'lineid', 'a.b', 'x+y', '(ok)']),
  namesSource(['LINE', 'ライン', 'ﾗｲﾝ'], { notFollowedBy: ['スタンプ', 'stamp'], notPrecededBy: ['ガイド', 'guide'] }, env),
  '(?<=(a+)+)b', '(?<![a-z])(a|a)*b$', '(?:らい|ら|い)+$', '(.*a){12}', '\\d+\\s*\\d+\\s*$', '(a|aa)+$', '^([a-z0-9]+\\.?)+@',
];
for (const s of srcs) {
  for (const checker of ['automaton', 'auto'] as const) {
    const t = performance.now();
    const r = checkSync(s, 'u', { checker, timeout: 4000 } as any);
    console.log(checker.padEnd(9), r.status.padEnd(10), (r as any).checker, (r as any).complexity?.type ?? (r as any).error?.kind ?? '', (performance.now() - t).toFixed(0) + 'ms', s.slice(0, 90));
  }
}
