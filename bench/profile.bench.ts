/**
 * Scenario 5: where a scan's time goes. The targets the scan misses are to be explained by
 * what the profile shows, not by hand-picked numbers; this scenario takes the CPU profile
 * itself (node:inspector's sampling profiler, what `node --cpu-prof` writes) while `scan()`
 * runs over the ~300-character messages of scenario 1, and reports, per message mix:
 *
 * - the share of each stage of the pipeline (engine/scan.ts), named by its source file:
 *   each normalization step, the literal gate, each detector, the rest of scan;
 * - the functions with the most time of their own (a function's regular expressions count as
 *   its own time).
 *
 * Garbage collection counts as its own stage: the scans' allocations cause it.
 *
 * Run: `npx tsx bench/profile.bench.ts` (or `npm run bench -- profile`).
 */
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { MIXES, messages, type Mix } from './fixtures/messages.js';
import { finish, header, table } from './lib/report.js';
import { loadRuleSet, scan } from '../src/index.js';

const PER_MIX = 200;
const SECONDS = Number(process.env.BENCH_PROFILE_S ?? 4);
/** Sampling interval, µs: a 300-character scan takes ~10–30 µs, so thousands of samples a second. */
const INTERVAL_US = 50;
const TOP = 12;
const GC = 'garbage collection';
/** Files normalization steps share; their time counts for the step that calls them. */
const NORMALIZE_HELPERS = new Set(['normalize/index.ts', 'normalize/mapped-text.ts', 'normalize/character-class.ts']);

/** What each stage does, for the table. */
const STAGE_ROLE: Record<string, string> = {
  'normalize/index.ts': 'the normalization pipeline itself (offset maps, passes)',
  'normalize/fold-characters.ts': 'width, case, look-alike and kana folds, one table read per character',
  'normalize/decode-number-words.ts': 'digits written as words (ぜろきゅうぜろ, 〇九〇)',
  'normalize/decode-spelled-symbols.ts': 'spelled @ and . (あっと, (dot)), defanged links',
  'normalize/join-spaced-characters.ts': 'spaced-out letters and URL symbols (L I N E, line . me)',
  'normalize/join-separated-letters.ts': 'letters with symbols between them (l・i・n・e)',
  'normalize/fold-brand-confusables.ts': 'digits for letters in brand names (1nstagram)',
  'normalize/fold-digit-lookalikes.ts': 'letters for digits beside digits (09O)',
  'engine/literal-gate.ts': 'which rules and patterns can match at all (one pass)',
  'engine/scan.ts': "scan's own loop and the result",
  'engine/adjust-severity.ts': 'context words that raise or lower a severity',
  'engine/resolve-overlaps.ts': 'one finding per span',
  'detectors/phone.ts': 'phone numbers (libphonenumber-js on candidates)',
  'detectors/phone-validate.ts': 'phone numbers: validation',
  'detectors/pattern.ts': "pattern rules' regexes",
  'detectors/url.ts': 'links (linkifyjs where a link can be)',
  'detectors/linkify-adapter.ts': 'links: linkifyjs',
  'detectors/contact-id.ts': 'IDs next to a service name (LINE: kenta88)',
  'detectors/email.ts': 'e-mail addresses',
  'detectors/keyword.ts': 'keyword rules',
  [GC]: "V8's, for the scans' allocations",
};

header('Profile (scenario 5)');
const rules = await loadRuleSet();
type Set = { mix: Mix | 'all three'; texts: string[] };
const byMix = MIXES.map((mix) => messages(mix, 300, PER_MIX));
const sets: Set[] = [
  ...MIXES.map((mix, i) => ({ mix, texts: byMix[i]! })),
  { mix: 'all three', texts: byMix[0]!.flatMap((_, i) => byMix.map((texts) => texts[i]!)) },
];

let sink = 0;
const scanAll = (texts: readonly string[]): void => {
  for (const text of texts) sink += scan(rules, text).violations.length;
};
const warmUntil = performance.now() + 2000;
while (performance.now() < warmUntil) for (const s of sets) scanAll(s.texts);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: INTERVAL_US });

interface Shares {
  readonly samples: number;
  readonly stages: Map<string, number>;
  readonly functions: Map<string, number>;
}
const results: { mix: string; shares: Shares }[] = [];
for (const s of sets) {
  await session.post('Profiler.start');
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) scanAll(s.texts);
  const { profile } = await session.post('Profiler.stop');
  results.push({ mix: s.mix, shares: attribute(profile) });
  process.stderr.write(`profiled ${s.mix}\n`);
}
session.disconnect();
if (sink < 0) console.log(sink);

const STAGE_ORDER = [...new Set(results.flatMap((r) => [...r.shares.stages.keys()]))].sort(
  (a, b) => stageRank(a) - stageRank(b) || (results.at(-1)!.shares.stages.get(b) ?? 0) - (results.at(-1)!.shares.stages.get(a) ?? 0),
);
const pct = (part: number, whole: number): string => {
  const share = (100 * part) / whole;
  return part === 0 ? '–' : share < 0.1 ? '< 0.1 %' : `${share.toFixed(1)} %`;
};
const markdown = [
  `\`scan()\` over the ${PER_MIX} ~300-character messages of each mix of scenario 1 (the same generator and seed), in a loop for ${SECONDS} s per mix after a 2 s warm-up, under V8's sampling profiler (node:inspector, what \`node --cpu-prof\` records) at one sample per ${INTERVAL_US} µs. A sample counts for the stage of the pipeline it was taken in, named by its source file under src/ (a library's time counts for the detector that calls it, a shared helper's for the step that calls it), or for garbage collection; samples outside \`scan()\` (the loop itself) are left out. Shares of the samples in \`scan()\` and GC.`,
  '',
  table(
    ['stage', 'what it does', ...results.map((r) => r.mix)],
    STAGE_ORDER.map((stage) => [stage, STAGE_ROLE[stage] ?? '', ...results.map((r) => pct(r.shares.stages.get(stage) ?? 0, r.shares.samples))]),
  ),
  '',
  `Functions with the most time of their own, all three mixes interleaved (the regular expressions a function runs count as its own time: their code was compiled before the profiler started, so V8 does not name them apart):`,
  '',
  table(
    ['function', 'file', 'share'],
    [...results.at(-1)!.shares.functions]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([key, samples]) => {
        const [name, file] = key.split('\u0000');
        return [`\`${name}\``, file!, pct(samples, results.at(-1)!.shares.samples)];
      }),
  ),
].join('\n');

finish({
  name: 'profile',
  title: 'Where the time goes (scenario 5)',
  command: 'npx tsx bench/profile.bench.ts',
  markdown,
  data: results.map((r) => ({ mix: r.mix, samples: r.shares.samples, stages: Object.fromEntries(r.shares.stages), functions: Object.fromEntries([...r.shares.functions].sort((a, b) => b[1] - a[1]).slice(0, 40)) })),
});

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}

/** The stage of each sample (see the table's legend) and the functions' own samples. */
function attribute(profile: { nodes: readonly ProfileNode[]; samples?: readonly number[] }): Shares {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stages = new Map<string, number>();
  const functions = new Map<string, number>();
  let samples = 0;
  const stageOfNode = new Map<number, string | null>();
  for (const id of profile.samples ?? []) {
    let stage = stageOfNode.get(id);
    if (stage === undefined) stageOfNode.set(id, (stage = stageOf(id, byId, parent)));
    if (stage === null) continue;
    samples++;
    stages.set(stage, (stages.get(stage) ?? 0) + 1);
    const frame = byId.get(id)!.callFrame;
    const key = `${shortName(frame.functionName)}\u0000${sourceFile(frame.url)}`;
    functions.set(key, (functions.get(key) ?? 0) + 1);
  }
  return { samples, stages, functions };
}

/**
 * The stage a sample belongs to, named by a source file: the first of Kanmon's files on the
 * stack below `scan` (inside `normalize`, the first normalization step's file below it, so a
 * step inlined into normalize still counts as its own), or GC; null outside scan. By file
 * rather than by function, because V8 inlines small functions into their callers.
 */
function stageOf(id: number, byId: ReadonlyMap<number, ProfileNode>, parent: ReadonlyMap<number, number>): string | null {
  const stack: ProfileNode[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
  if (stack[0]!.callFrame.functionName === '(garbage collector)') return GC;
  const scanAt = stack.findIndex((n) => n.callFrame.functionName === 'scan' && n.callFrame.url.endsWith('/engine/scan.ts'));
  if (scanAt < 0) return null;
  const files = stack
    .slice(0, scanAt)
    .reverse()
    .map((n) => sourceFile(n.callFrame.url))
    .filter((file) => file.endsWith('.ts') && !file.includes('node_modules'));
  // normalize() itself may be inlined into scan, leaving a step or a helper right below it.
  if (files[0]?.startsWith('normalize/') === true) return files.find((file) => file.startsWith('normalize/') && !NORMALIZE_HELPERS.has(file)) ?? 'normalize/index.ts';
  // A shared helper outside the stages (types.ts's severityRank) counts for scan, which calls it.
  return files[0] !== undefined && (files[0] in STAGE_ROLE || files[0].startsWith('detectors/')) ? files[0] : 'engine/scan.ts';
}
/** Order of the stage table: normalization, the gate, detectors, the rest, GC. */
function stageRank(stage: string): number {
  if (stage.startsWith('normalize/')) return 0;
  if (stage === 'engine/literal-gate.ts') return 1;
  if (stage.startsWith('detectors/')) return 2;
  if (stage === GC) return 4;
  return 3;
}

function shortName(name: string): string {
  return name === '' ? '(anonymous)' : name;
}

/** A file relative to src/ (or the package for dependencies), without the machine's path. */
function sourceFile(url: string): string {
  if (url === '') return '';
  const src = url.lastIndexOf('/src/');
  if (src >= 0) return url.slice(src + 5);
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + 14);
  return url.startsWith('node:') ? url : path.basename(url);
}
