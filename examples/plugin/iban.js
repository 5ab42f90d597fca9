// An example detector plugin: international bank account numbers (IBAN), for payment
// outside the platform. A regex can find IBAN-shaped strings but not tell a real one from
// a typo; the ISO 13616 mod-97 check can, which is why this is code rather than a pattern.
//
// A deployment registers it from a rule file:
//   plugins:
//     - path: ./iban.js
// and uses it from its rules as `detector: iban` (see iban.yaml beside this file).
//
// The module has the same shape as Kanmon's built-in detectors: `meta` (id, description,
// a JSON Schema for its options) and `create(options, env)` returning `find(input)`.

// Text arrives normalized: full-width folded to ASCII, lower case. Country code, check
// digits, then 11–30 alphanumerics, optionally in groups of four. Bounded, so linear.
const CANDIDATE = /(?<![0-9a-z])([a-z]{2}[0-9]{2}(?:[ ]?[0-9a-z]{4}){2,7}(?:[ ]?[0-9a-z]{1,3})?)(?![0-9a-z])/g;

/** ISO 13616: move the first four characters to the end, letters to numbers, mod 97 === 1. */
function isValidIban(raw) {
  const iban = raw.replace(/ /g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : Number(ch);
    remainder = Number(`${remainder}${value}`) % 97;
  }
  return remainder === 1;
}

export const detector = {
  meta: {
    id: 'iban',
    description: 'International bank account numbers (IBAN) that pass the ISO 13616 mod-97 check.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        countries: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' }, uniqueItems: true },
      },
    },
  },
  create(options) {
    const countries = options.countries ? new Set(options.countries.map((c) => c.toLowerCase())) : null;
    const candidate = new RegExp(CANDIDATE.source, 'g');
    return {
      find(input) {
        const text = input.normalized.text;
        const found = [];
        candidate.lastIndex = 0;
        for (let m = candidate.exec(text); m !== null; m = candidate.exec(text)) {
          if (countries && !countries.has(m[1].slice(0, 2))) continue;
          if (isValidIban(m[1])) found.push({ start: m.index, end: m.index + m[1].length, value: m[1].replace(/ /g, '').toUpperCase() });
        }
        return found;
      },
    };
  },
};
