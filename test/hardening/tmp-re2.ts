import { checkSync } from 'recheck';
const GAP = '[ \\t]{0,3}';
const srcs = [
  `(?<=[a-z][a-z0-9_.\\-]*)${GAP}点${GAP}(?=[a-z])`,
  `(?<=(?:@|[ \\t]at[ \\t]+)[a-z0-9\\-]+(?:(?:[ \\t]+dot[ \\t]+|\\.)[a-z0-9\\-]+)*)[ \\t]+dot[ \\t]+(?=[a-z0-9])`,
  `(?<=[a-z][a-z0-9_.\\-]{0,63})${GAP}点${GAP}(?=[a-z])`,
];
for (const s of srcs) { const t = performance.now(); const r = checkSync(s, 'g', { timeout: 10000 } as any); console.log(r.status, (r as any).checker, (r as any).complexity?.type ?? (r as any).error?.kind ?? '', (performance.now() - t).toFixed(0) + 'ms', (r as any).attack?.pattern?.slice(0, 60) ?? ''); }
