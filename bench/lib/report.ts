/**
 * Shared by the benchmark files: the machine description printed with every figure, small
 * statistics helpers, markdown tables, and the results file each benchmark leaves for
 * `bench/run.ts` to assemble into bench/README.md.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';

export const RESULTS_DIR = new URL('../results/', import.meta.url);

/** Node version, CPU model and count, memory and load: the conditions of a run. */
export function machine(): Record<string, string> {
  return {
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    platform: `${process.platform} ${process.arch}`,
    'load average (1 min) at start': loadavg()[0]!.toFixed(2),
  };
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Linear-interpolated quantile of unsorted values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** A number with about three significant digits, for tables. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A markdown table. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A target line: the figure, the target, and whether it is met. */
export function verdict(label: string, figure: string, target: string, met: boolean): string {
  return `- ${met ? '✅' : '❌'} **${label}**: ${figure} (target ${target})`;
}

export interface BenchResult {
  /** The scenario, e.g. "scan". */
  readonly name: string;
  readonly title: string;
  readonly command: string;
  readonly machine: Record<string, string>;
  /** Markdown: the tables and target lines of this scenario. */
  readonly markdown: string;
  readonly data: unknown;
  readonly finishedAt: string;
}

/** Prints a scenario's report and leaves it in bench/results/NAME.json for bench/run.ts. */
export function finish(result: Omit<BenchResult, 'finishedAt' | 'machine'> & { machine?: Record<string, string> }): void {
  const full: BenchResult = { machine: machine(), ...result, finishedAt: new Date().toISOString() };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(new URL(`${result.name}.json`, RESULTS_DIR), `${JSON.stringify(full, null, 2)}\n`);
  process.stdout.write(`\n## ${full.title}\n\n${full.markdown}\n`);
}

/**
 * A copy of the default rules that no one edits during the run: the pool's workers load the
 * rule files themselves and, rightly, decline when the files on disk changed since the
 * caller loaded them — which would measure the fallback instead of the pool.
 */
export function snapshotDefaultRules(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kanmon-bench-rules-'));
  cpSync(new URL('../../rules/', import.meta.url), dir, { recursive: true });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Prints the machine description once at the start of a benchmark. */
export function header(title: string): void {
  process.stdout.write(`# ${title}\n\n${Object.entries(machine()).map(([k, v]) => `- ${k}: ${v}`).join('\n')}\n`);
}
