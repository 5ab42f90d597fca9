import { describe, expect, it } from 'vitest';
import { resolveOverlaps, type Finding } from '../../src/engine/resolve-overlaps.js';
import type { CompiledRule } from '../../src/rules/rule-set.js';
import type { Category, Severity } from '../../src/types.js';

const rule = (id: string, category: Category, yieldOnOverlap = false) => ({ id, category, yieldOnOverlap }) as unknown as CompiledRule;
const finding = (r: CompiledRule, start: number, end: number, severity: Severity = 'high'): Finding => ({ rule: r, start, end, severity, value: undefined, applied: [] });
const ids = (fs: Finding[]) => fs.map((f) => `${f.rule.id}@${f.start}-${f.end}`);

const lineId = rule('line.id', 'line');
const lineInvite = rule('line.invite', 'line');
const phone = rule('phone.number', 'phone');
const catchAll = rule('external_link.url', 'external_link', true);
const lineUrl = rule('line.url', 'line');

describe('resolveOverlaps', () => {
  it.each([
    ['keeps disjoint findings in order', [finding(phone, 10, 20), finding(lineId, 0, 5)], ['line.id@0-5', 'phone.number@10-20']],
    ['keeps overlapping findings of different categories', [finding(lineId, 0, 10), finding(phone, 5, 15)], ['line.id@0-10', 'phone.number@5-15']],
    ['collapses one category to the stronger', [finding(lineInvite, 0, 4, 'medium'), finding(lineId, 0, 12, 'high')], ['line.id@0-12']],
    ['prefers the longer at equal severity', [finding(lineInvite, 0, 4), finding(lineId, 0, 12)], ['line.id@0-12']],
    ['keeps the stronger even when shorter', [finding(lineInvite, 0, 4, 'high'), finding(lineId, 0, 12, 'medium')], ['line.invite@0-4']],
    ['drops a catch-all overlapped by a specific rule', [finding(catchAll, 5, 30), finding(lineUrl, 5, 30)], ['line.url@5-30']],
    ['drops a catch-all overlapped from the right', [finding(catchAll, 0, 10), finding(phone, 8, 20)], ['phone.number@8-20']],
    ['keeps a catch-all nobody overlaps', [finding(catchAll, 0, 10), finding(phone, 10, 20)], ['external_link.url@0-10', 'phone.number@10-20']],
  ])('%s', (_name, input, expected) => {
    expect(ids(resolveOverlaps(input))).toEqual(expected);
  });
});
