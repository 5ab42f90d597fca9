// An example detector plugin: cryptocurrency wallet addresses (payment outside the
// platform). A deployment registers it from a rule file with
//   plugins:
//     - path: ./crypto-wallet.js
// and uses it from its rules as `detector: crypto-wallet`.
//
// The module exports the same shape as Kanmon's built-in detectors: `meta` (id,
// description, a JSON Schema for options) and `create(options, env)` returning `find`.

// Ethereum (0x + 40 hex) and Bitcoin (bech32 bc1…, legacy base58 1…/3…). Bounded
// quantifiers keep the regexes linear. Text arrives normalized (lower case).
const PATTERNS = {
  ethereum: /(?<![0-9a-z])0x[0-9a-f]{40}(?![0-9a-z])/g,
  bitcoin: /(?<![0-9a-z])(?:bc1[02-9ac-hj-np-z]{25,59}|[13][1-9a-km-z]{25,34})(?![0-9a-z])/g,
};

export const detector = {
  meta: {
    id: 'crypto-wallet',
    description: 'Cryptocurrency wallet addresses (Ethereum, Bitcoin).',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        chains: { type: 'array', items: { enum: ['ethereum', 'bitcoin'] }, uniqueItems: true },
      },
    },
  },
  create(options) {
    const regexes = (options.chains ?? ['ethereum', 'bitcoin']).map((chain) => new RegExp(PATTERNS[chain].source, 'g'));
    return {
      find(input) {
        const text = input.normalized.text;
        const found = [];
        for (const regex of regexes) {
          regex.lastIndex = 0;
          for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
            found.push({ start: m.index, end: m.index + m[0].length });
          }
        }
        return found;
      },
    };
  },
};
