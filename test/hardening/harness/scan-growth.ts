/**
 * How the cost of a scan grows with the length of an adversarial text. Each run happens in a
 * child process with a deadline, so a super-linear case is killed instead of hanging the test
 * run, and the process's peak memory is the scans' own.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./scan-growth-child.ts', import.meta.url));

export const KiB = 1024;
export const MiB = 1024 * KiB;

export interface GrowthCase {
  readonly name: string;
  /** Repeated (and cut) to each size. */
  readonly seed: string;
  /** Put once before the repeated seed (counted in the size): "a" before a run of "!". */
  readonly prefix?: string;
  /** UTF-16 code units, smallest first. */
  readonly sizes: readonly number[];
}

export interface GrowthMeasurement {
  readonly name: string;
  readonly size: number;
  /**
   * CPU time of one scan, normalization included: the mean over as many scans as make a
   * quarter of the largest size's characters, started from a collected heap.
   */
  readonly cpuMs: number;
  readonly violations: number;
  /** Peak resident set size of the measuring process so far. */
  readonly maxRssMb: number;
}

export interface GrowthRun {
  readonly measurements: GrowthMeasurement[];
  /** The deadline passed and the child was killed; the last case is the one that did not finish. */
  readonly timedOut: boolean;
  readonly stderr: string;
}

/**
 * Scans every case at every size in one child process (with `--expose-gc`, so each scan starts
 * from a collected heap and does not pay for its predecessors' garbage), killed after `deadlineMs`.
 * @example const run = await measureScanGrowth([{ name: 'digits', seed: '0123456789', sizes: [64 * KiB, MiB] }], 60_000);
 */
export function measureScanGrowth(cases: readonly GrowthCase[], deadlineMs: number): Promise<GrowthRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, JSON.stringify(cases)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const measurements: GrowthMeasurement[] = [];
    let partial = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, deadlineMs);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      const parts = (partial + d).split('\n');
      partial = parts.pop()!;
      for (const p of parts) if (p.trim()) measurements.push(JSON.parse(p) as GrowthMeasurement);
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve({ measurements, timedOut, stderr });
    });
  });
}

/** CPU time at the largest size over CPU time at the smallest, for one case (NaN if not both measured). */
export function growthRatio(run: GrowthRun, c: GrowthCase): number {
  const of = (size: number) => run.measurements.find((m) => m.name === c.name && m.size === size)?.cpuMs;
  const small = of(c.sizes[0]!);
  const large = of(c.sizes[c.sizes.length - 1]!);
  return small === undefined || large === undefined ? Number.NaN : large / Math.max(small, 0.001);
}
