/**
 * A path into a rule file as issues print it.
 * @example formatPath(['rules', 3, 'patterns', 0]) // 'rules[3].patterns[0]'
 */
export const formatPath = (path: readonly (string | number)[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
