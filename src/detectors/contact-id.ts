import { Type, type Static } from 'typebox';
import type { Candidate, Detector } from './types.js';
import { requiredLiteralSets } from '../engine/required-literals.js';
import type { GatedDetectorInstance } from '../engine/literal-gate.js';
import { isLowerAsciiAlphanumeric } from '../normalize/character-class.js';
import { namesSource } from './words.js';

const WordList = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 2000 });
const Options = Type.Object(
  {
    platforms: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 2000, description: 'Names of the channel (LINE, ライン, 緑のアプリ…).' }),
    notFollowedBy: Type.Optional(WordList),
    notPrecededBy: Type.Optional(WordList),
    markers: Type.Optional(WordList),
    within: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'Characters allowed between the name and the identifier.' })),
    minLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    digitsOnly: Type.Optional(Type.Union([Type.Literal('reject'), Type.Literal('allow'), Type.Literal('require')])),
    ignore: Type.Optional(WordList),
  },
  { additionalProperties: false },
);
export type ContactIdOptions = Static<typeof Options>;

// An identifier token: what LINE, Instagram, X, Discord, PayPay… accept, plus '#'
// (Discord tags). No ':' inside: "id:kenta_88" is a label and an ID. Bounded so a
// pathological run costs O(n).
const TOKEN = /(?<![a-z0-9._\-#@])@?[a-z0-9][a-z0-9._\-#]{0,63}/gy;
const HAS_STRUCTURE = /[0-9._\-#:]/;
const DIGITS_ONLY = /^[0-9\-. ]+$/;
const LETTER_FIRST = /^[a-z]/;
const SENTENCE_END = /[。!?]/g;

/** Index just after the last sentence end in `gap`, or 0. */
function lastSentenceEnd(gap: string): number {
  let at = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(gap); m !== null; m = SENTENCE_END.exec(gap)) at = m.index + 1;
  return at;
}

/**
 * A contact identifier written near the name of the channel it belongs to:
 * "LINE：kenta_88", "インスタ→ yuu_hand_made", "ディスコ→ hazuki#0937", "PayPay ID：minami_pay_31".
 * The reported span runs from the channel name to the end of the identifier.
 *
 * To tell identifiers from ordinary words the token must look like one (a digit, `.`, `_`,
 * `-`, `#` in it, or an `@` before it) unless a marker such as "ID" or "ユーザー名" stands
 * between the name and the token ("LINE のIDは「kanon」").
 * @example detector: contact-id, options: { platforms: [$line_names], markers: [id, あいでぃー] }
 */
export const contactIdDetector: Detector<ContactIdOptions> = {
  meta: {
    id: 'contact-id',
    description: 'An account identifier (handle, ID) written within a few characters after the name of a contact channel.',
    optionsSchema: Options,
  },
  create(options, env) {
    const platformRegex = new RegExp(namesSource(options.platforms, options, env), 'gu');
    const markerRegex = options.markers?.length ? new RegExp(env.alternation(options.markers.map(env.normalizeLiteral)), 'u') : null;
    const within = options.within ?? 25;
    const minLength = options.minLength ?? 3;
    const digitsOnly = options.digitsOnly ?? 'reject';
    const ignore = new Set((options.ignore ?? []).map(env.normalizeLiteral));
    const token = new RegExp(TOKEN.source, 'yu');
    const qualifies = (id: string, marked: boolean): boolean => {
      if (id.length < minLength || ignore.has(id)) return false;
      const numeric = DIGITS_ONLY.test(id);
      if (digitsOnly === 'reject' && numeric) return false;
      if (digitsOnly === 'require') return numeric;
      // Unmarked tokens must look like handles: a letter first ("500px" is a size) and
      // a digit or symbol inside ("card" in "twitter:card" is a word).
      return marked || (LETTER_FIRST.test(id) && HAS_STRUCTURE.test(id));
    };

    const instance: GatedDetectorInstance = {
      // No channel name, no identifier: the literal gate skips the rule (sns.handle alone
      // cost 2.35 µs of a clean message's 6.5 µs of rules before this, per the profile).
      partLiterals: [requiredLiteralSets(platformRegex.source, platformRegex.flags)],
      find(input) {
        const text = input.normalized.text;
        const found: Candidate[] = [];
        platformRegex.lastIndex = 0;
        for (let m = platformRegex.exec(text); m !== null; m = platformRegex.exec(text)) {
          const nameEnd = m.index + m[0].length;
          const limit = Math.min(text.length, nameEnd + within);
          // Walk the window token by token: the first token that qualifies is the identifier.
          for (let at = nameEnd; at < limit; ) {
            const next = findToken(text, token, at, limit);
            if (next === null) break;
            const [start, end] = next;
            // A token touching '/' is part of a link ("wa.me/81…", "paypal.me/name"): the url
            // detector reports it with its proper rule.
            if (text.charCodeAt(start - 1) === 0x2f || text.charCodeAt(end) === 0x2f) {
              at = end;
              continue;
            }
            const raw = text.slice(start, end).replace(/[.\-:]+$/, '');
            const id = raw.startsWith('@') ? raw.slice(1) : raw;
            // A marker only counts in the same sentence as the token ("…ね。アカウントは soundlab").
            const gap = text.slice(nameEnd, start);
            const sentenceStart = lastSentenceEnd(gap);
            const marked = raw.startsWith('@') || (markerRegex !== null && markerRegex.test(gap.slice(sentenceStart)));
            if ((sentenceStart === 0 || marked) && qualifies(id, marked)) {
              found.push({ start: m.index, end: start + raw.length });
              break;
            }
            at = end;
          }
          if (platformRegex.lastIndex === m.index) platformRegex.lastIndex++;
        }
        return found;
      },
    };
    return instance;
  },
};

/** Next identifier-like token starting in [from, limit), or null. */
function findToken(text: string, token: RegExp, from: number, limit: number): [number, number] | null {
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    const startsToken = isLowerAsciiAlphanumeric(c) || c === 0x40; // a-z 0-9 @
    if (!startsToken) continue;
    token.lastIndex = i;
    const m = token.exec(text);
    if (m !== null) return [i, i + m[0].length];
  }
  return null;
}
