/**
 * The registry of built-in detectors, sorted by id. A conformance test checks that every
 * entry has tests and a section in docs/detectors.md, and that this list stays sorted.
 */
import { contactIdDetector } from './contact-id.js';
import { emailDetector } from './email.js';
import { keywordDetector } from './keyword.js';
import { patternDetector } from './pattern.js';
import { phoneDetector } from './phone.js';
import type { Detector } from './types.js';
import { urlDetector } from './url.js';

export const BUILTIN_DETECTORS: readonly Detector<never>[] = Object.freeze([
  contactIdDetector,
  emailDetector,
  keywordDetector,
  patternDetector,
  phoneDetector,
  urlDetector,
] as Detector<never>[]);
