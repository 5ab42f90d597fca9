import { Type, type Static } from 'typebox';
import { findLinks, linkWindowEnd, linkWindowStart, type LinkMatch } from './linkify-adapter.js';
import type { GatedDetectorInstance } from '../engine/literal-gate.js';
import type { LiteralSets } from '../engine/required-literals.js';
import type { Candidate, Detector } from './types.js';
import { RESERVED_EXAMPLE_DOMAINS, domainSet, hostIn, isPrivateHost } from './url.js';

const Options = Type.Object(
  {
    allowDomains: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253, pattern: '^[^\\s/@:]+$' }), {
      maxItems: 10000,
      description: 'Never report addresses at these domains or their subdomains (the platform, placeholders). Replaces the default list of reserved example domains.',
    })),
    excludeLocalhost: Type.Optional(Type.Boolean({ description: 'Never report addresses at localhost, *.local or private hosts (default true).' })),
  },
  { additionalProperties: false },
);
export type EmailOptions = Static<typeof Options>;

// Characters of a local part as Japanese carriers once issued them: docomo and au accepted
// "taro..hana@" and "hana.@", which RFC 5322 (and so linkifyjs) rejects.
const isLegacyLocalChar = (code: number): boolean =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x2e || code === 0x5f || code === 0x2d || code === 0x2b;
const BARE_HOST = /^[a-z0-9.-]+$/i;
/** Every address has an '@': the engine skips the rule on a text without one. */
const NEEDS_AT_SIGN: LiteralSets = Object.freeze([Object.freeze(['@'])]);

/**
 * E-mail addresses, also with `mailto:` (the span then includes the scheme) and with the
 * dotted local parts Japanese carriers used to allow (`taro..hana@docomo.ne.jp`). The domain
 * must have a dot and a top-level domain linkifyjs knows, so `report_v2@final.pdf`, `@media`,
 * `単価@350円` and `/^[^\s@]+@[^\s@]+\.[^\s@]+$/` are not addresses; neither are the user part
 * of a URL (`postgres://app:app@localhost:5432/app`) nor addresses at `allowDomains`.
 * `value` is the address, lower-cased, without `mailto:`.
 * @example detector: email, options: { allowDomains: [coconala.com, example.com] }
 */
export const emailDetector: Detector<EmailOptions> = {
  meta: {
    id: 'email',
    description: 'An e-mail address (also after mailto:), except at allowed or local domains.',
    optionsSchema: Options,
  },
  create(options) {
    const allow = domainSet(options.allowDomains ?? RESERVED_EXAMPLE_DOMAINS);
    const excludeLocalhost = options.excludeLocalhost ?? true;
    const instance: GatedDetectorInstance = {
      partLiterals: [NEEDS_AT_SIGN],
      find(input) {
        const text = input.normalized.text;
        let at = text.indexOf('@');
        if (at < 0) return [];
        const found: Candidate[] = [];
        while (at >= 0) {
          const start = linkWindowStart(text, at);
          const end = linkWindowEnd(text, at);
          for (const link of findLinks(input.normalized, start, end)) {
            const candidate = readAddress(text, link, start);
            if (candidate === null) continue;
            const domain = candidate.value!.slice(candidate.value!.lastIndexOf('@') + 1);
            if (domain.indexOf('.') < 0 || (excludeLocalhost && isPrivateHost(domain)) || hostIn(domain, allow)) continue;
            found.push(candidate);
          }
          // Every '@' of a window was seen by that window's one linkifyjs call.
          at = text.indexOf('@', end);
        }
        return found;
      },
    };
    return instance;
  },
};

/** The address a link match stands for, or null; `windowStart` is where its window began. */
function readAddress(text: string, link: LinkMatch, windowStart: number): Candidate | null {
  let start = link.start;
  let address: string;
  if (link.kind === 'email') {
    // linkifyjs starts "taro..hana@" at "hana": take the carrier-style dots back in.
    if (text.charCodeAt(start - 1) === 0x2e) start = legacyLocalStart(text, start, windowStart);
    address = text.slice(start, link.end);
  } else if (link.href.length > 7 && link.href.slice(0, 7).toLowerCase() === 'mailto:') {
    const query = link.href.indexOf('?');
    address = link.href.slice(7, query < 0 ? undefined : query);
  } else if (link.href.length !== link.end - link.start && text.charCodeAt(start - 1) === 0x40 && BARE_HOST.test(text.slice(start, link.end))) {
    // linkifyjs read "hana.@docomo.ne.jp" as the host "docomo.ne.jp" after a stray '@'.
    const localStart = legacyLocalStart(text, start - 1, windowStart);
    if (localStart === start - 1) return null;
    start = localStart;
    address = text.slice(start, link.end);
  } else {
    return null;
  }
  // "user:password@host" inside a URL with a scheme linkifyjs does not know.
  for (let i = windowStart; i + 2 < start; i++) {
    if (text.charCodeAt(i) === 0x3a && text.charCodeAt(i + 1) === 0x2f && text.charCodeAt(i + 2) === 0x2f) return null;
  }
  // "git@github.com:kanmon/app.git" is an SSH remote, not a mailbox.
  if (text.charCodeAt(link.end) === 0x3a && isLegacyLocalChar(text.charCodeAt(link.end + 1))) return null;
  return { start, end: link.end, value: address.toLowerCase() };
}

/** Where a legacy local part ending before `end` starts: back over its characters, then past leading '.', '-', '+'. */
function legacyLocalStart(text: string, end: number, windowStart: number): number {
  let start = end;
  while (start > windowStart && isLegacyLocalChar(text.charCodeAt(start - 1))) start--;
  for (let code = text.charCodeAt(start); start < end && (code === 0x2e || code === 0x2d || code === 0x2b); code = text.charCodeAt(++start));
  return start;
}
