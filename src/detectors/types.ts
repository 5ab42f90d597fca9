import type { TSchema } from 'typebox';
import type { MappedText } from '../normalize/mapped-text.js';
import type { ScanContext } from '../types.js';

/** What a detector says about itself (ESLint's rule `meta`). */
export interface DetectorMeta {
  /** Registry name used by rule files (`detector: phone`). */
  readonly id: string;
  readonly description: string;
  /** TypeBox schema of the `options` a rule may pass; validated when rules load. */
  readonly optionsSchema: TSchema;
}

/** The text as every detector sees it: normalized once per scan, shared by all rules. */
export interface DetectInput {
  readonly normalized: MappedText;
  readonly original: string;
  readonly context: ScanContext;
}

/** A finding in *normalized* offsets; the engine maps it back to the original text. */
export interface Candidate {
  start: number;
  end: number;
  /** Canonical value when it differs from the normalized slice (e.g. an E.164 number). */
  value?: string;
}

export interface DetectorInstance {
  /**
   * The candidates in the text. `parts`, for an instance that names its parts' literals
   * (GatedDetectorInstance.partLiterals) when the engine's gate ran: `parts[firstPart + k]`
   * is 0 when part k cannot match, and the instance may skip it.
   */
  find(input: DetectInput, parts?: Uint8Array, firstPart?: number): Candidate[];
}

/** Services the loader hands to `create`, so detectors read keywords the way scans see text. */
export interface DetectorEnv {
  /** Normalizes a literal from a rule file through the same pipeline as scanned text. */
  normalizeLiteral(literal: string): string;
  /** Builds a regex source matching any of the (already normalized) words, longest first. */
  alternation(words: readonly string[]): string;
  /** Named word lists (`lists:` in rule files), already normalized. */
  list(name: string): readonly string[];
}

/**
 * A detector module: `meta` plus `create`, which compiles options once at load time into
 * an instance whose `find` runs on every scan.
 */
export interface Detector<Options = unknown> {
  readonly meta: DetectorMeta;
  create(options: Options, env: DetectorEnv): DetectorInstance;
}
