import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCorpus, readResults } from '../../src/eval/corpus.js';
import { formatMisses, formatSummary } from '../../src/eval/report.js';
import { CorpusScorer } from '../../src/eval/score.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/eval/${name}`, import.meta.url));

async function scoreFixture(keep = 0) {
  const results = await readResults(fixture('results.jsonl'));
  const scorer = new CorpusScorer(keep);
  for await (const item of readCorpus(fixture('corpus.jsonl'))) scorer.add(item, results.get(String(item.id)));
  return scorer;
}

// The expected figures below were printed by the reference scorer, run once by hand:
//   node shared/corpus/score.mjs test/fixtures/eval/corpus.jsonl test/fixtures/eval/results.jsonl [--json]
// and pasted here, so this test pins `kanmon eval` to score.mjs without reading ../shared.
// Each corpus line's "note" says which rule of the metrics it exercises.
const SCORE_MJS_JSON = {
  items: 13,
  recall: 66.66666666666667,
  falsePositiveRate: 25,
  categoryRecall: 50,
  blockAgreement: 33.333333333333336,
  missingResults: 1,
  perCategory: {
    line: { recall: 100, n: 1, reportedOnClean: 1 },
    qr_code: { recall: 0, n: 0, reportedOnClean: 0 },
    email: { recall: 100, n: 1, reportedOnClean: 0 },
    phone: { recall: 100, n: 1, reportedOnClean: 1 },
    sns: { recall: 50, n: 2, reportedOnClean: 0 },
    video_call: { recall: 0, n: 1, reportedOnClean: 0 },
    external_link: { recall: 0, n: 0, reportedOnClean: 0 },
    solicitation: { recall: 0, n: 2, reportedOnClean: 0 },
    payment: { recall: 50, n: 2, reportedOnClean: 0 },
  },
};

const SCORE_MJS_TEXT = `items 13  missing results 1
recall 66.7%  false-positive rate 25.0%  category recall 50.0%  block agreement 33.3%
  line           recall 100.0% of   1   reported on clean items: 1
  qr_code        recall   0.0% of   0   reported on clean items: 0
  email          recall 100.0% of   1   reported on clean items: 0
  phone          recall 100.0% of   1   reported on clean items: 1
  sns            recall  50.0% of   2   reported on clean items: 0
  video_call     recall   0.0% of   1   reported on clean items: 0
  external_link  recall   0.0% of   0   reported on clean items: 0
  solicitation   recall   0.0% of   2   reported on clean items: 0
  payment        recall  50.0% of   2   reported on clean items: 0
`;

describe('CorpusScorer on the fixture', () => {
  it('gives the figures score.mjs gives, key for key (the --json output)', async () => {
    const summary = (await scoreFixture()).summary();
    expect(JSON.stringify(summary)).toBe(JSON.stringify(SCORE_MJS_JSON));
  });

  it('prints the summary in score.mjs layout, line for line', async () => {
    expect(formatSummary((await scoreFixture()).summary())).toBe(SCORE_MJS_TEXT);
  });

  it('lists the same misses and false positives as score.mjs --misses, with rule ids added', async () => {
    const scorer = await scoreFixture(20);
    expect(scorer.misses.map((m) => m.item.id)).toEqual(['c05', 'c06', 'c13']);
    expect(scorer.falsePositives.map((m) => m.item.id)).toEqual(['c08']);
    expect(formatMisses(scorer.misses, scorer.falsePositives).split('\n')).toEqual([
      '',
      'missed:',
      '  c05 [video_call] "zoomで話しましょう" -> allow (found video_call/low video_call.zoom)',
      '  c06 [payment] "PayPayで直接払います" -> no result',
      '  c13 [solicitation] "とても長い本文" -> no action',
      'false positives:',
      '  c08 "LINEスタンプ制作します" -> review line:LINE (line.mention, medium)',
      '',
    ]);
  });

  it('keeps only the first N misses', async () => {
    const scorer = await scoreFixture(1);
    expect(scorer.misses.map((m) => m.item.id)).toEqual(['c05']);
  });
});

describe('CorpusScorer metric by metric', () => {
  const item = (expect: 'allow' | 'review' | 'block', categories: string[] = []) => ({ id: 'x', text: 't', expect, categories });
  const result = (action: string, ...violations: [string, string][]) => ({
    action,
    violations: violations.map(([category, severity]) => ({ category, severity })),
  });
  const score = (...pairs: [ReturnType<typeof item>, ReturnType<typeof result> | undefined][]) => {
    const scorer = new CorpusScorer();
    for (const [i, r] of pairs) scorer.add(i, r);
    return scorer.summary();
  };

  it.each([
    ['an "a|b" pair counts when the second alternative is found', [item('block', ['email|solicitation']), result('block', ['solicitation', 'high'])], 100],
    ['an "a|b" pair counts when the first alternative is found', [item('block', ['email|solicitation']), result('block', ['email', 'medium'])], 100],
    ['a low finding does not count', [item('block', ['email']), result('block', ['email', 'low'])], 0],
    ['another category does not count', [item('block', ['email']), result('block', ['phone', 'high'])], 0],
  ] as const)('category recall: %s', (_, pair, expected) => {
    expect(score(pair as never).categoryRecall).toBe(expected);
  });

  it('files an "a|b" pair under its first alternative', () => {
    const s = score([item('review', ['email|solicitation']), result('review', ['solicitation', 'medium'])]);
    expect(s.perCategory.email).toEqual({ recall: 100, n: 1, reportedOnClean: 0 });
    expect(s.perCategory.solicitation.n).toBe(0);
  });

  it('counts a missing result as allow with no findings', () => {
    const s = score([item('block', ['line']), undefined], [item('allow'), undefined]);
    expect(s).toMatchObject({ missingResults: 2, recall: 0, falsePositiveRate: 0, blockAgreement: 0, categoryRecall: 0 });
  });

  it('reports 0 for a score with nothing to measure', () => {
    expect(score()).toMatchObject({ items: 0, recall: 0, falsePositiveRate: 0, categoryRecall: 0, blockAgreement: 0 });
  });

  it('counts review as flagged for recall but not as a block', () => {
    expect(score([item('block', ['line']), result('review', ['line', 'medium'])])).toMatchObject({ recall: 100, blockAgreement: 0, categoryRecall: 100 });
  });

  it('counts a category on a clean item once per item, at medium or high only', () => {
    const s = score([item('allow'), result('allow', ['phone', 'medium'], ['phone', 'high'], ['line', 'low'])]);
    expect(s.perCategory.phone.reportedOnClean).toBe(1);
    expect(s.perCategory.line.reportedOnClean).toBe(0);
    expect(s.falsePositiveRate).toBe(0);
  });
});
