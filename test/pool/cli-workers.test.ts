import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { AUTO_IN_FLIGHT_PER_THREAD, AUTO_WORKERS_AFTER_LINES } from '../../src/cli/scan.js';
import { runMain, tempDir, TEST_RULES } from '../cli/run-main.js';

// Lines of every kind: scanned, invalid, too long, blank, with ids of every JSON type.
const input = (count: number): string =>
  Array.from({ length: count }, (_, i) => {
    if (i % 97 === 5) return '{"text": ';
    if (i % 89 === 7) return '';
    if (i % 83 === 3) return JSON.stringify({ id: i, text: 'z'.repeat(300) });
    return JSON.stringify({ id: `m${i}`, text: i % 3 === 0 ? `ID: user_${i}` : `hello ${i}`, ...(i % 5 === 0 ? { context: 'profile' } : {}) });
  }).join('\n');

describe('kanmon scan --workers', () => {
  it('writes the same output, in the same order, on worker threads as in the main thread', async () => {
    const rules = await tempDir({ 'test.yaml': TEST_RULES });
    // With auto, the pool starts after the first 1,000 lines and holds a few blocks (of 512
    // lines here) per thread; ten blocks more than that make the main thread scan blocks
    // between the pool's.
    const poolRoom = (availableParallelism() - 1) * AUTO_IN_FLIGHT_PER_THREAD;
    const lines = Math.max(3000, AUTO_WORKERS_AFTER_LINES + 512 * (poolRoom + 10));
    const text = input(lines);
    const flags = ['--no-builtin-rules', '--rules', rules, '--max-line-bytes', '200'];
    const inThread = await runMain(['scan', ...flags, '--workers', '0'], text);
    const onPool = await runMain(['scan', ...flags, '--workers', '2'], text);
    const auto = await runMain(['scan', ...flags], text);
    expect(inThread.code).toBe(0);
    expect(inThread.stdout.split('\n').filter(Boolean)).toHaveLength(text.split('\n').filter(Boolean).length); // one answer per non-blank line
    expect(onPool).toEqual(inThread);
    expect(auto).toEqual(inThread);
  });

  it('rejects a bad --workers value before reading anything', async () => {
    const run = await runMain(['scan', '--workers', 'many'], '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--workers');
  });
});
