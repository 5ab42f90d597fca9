import { Type, type Static } from 'typebox';
import { findLinks, isLinkChar, linkWindowEnd, linkWindowStart, type LinkMatch } from './linkify-adapter.js';
import type { GatedDetectorInstance } from '../engine/literal-gate.js';
import { isAsciiLetter } from '../normalize/character-class.js';
import type { Candidate, Detector } from './types.js';

// A host name as written in a rule file: no scheme, path, port or user part.
const Domain = Type.String({ minLength: 1, maxLength: 253, pattern: '^[^\\s/@:]+$' });
const Options = Type.Object(
  {
    domains: Type.Optional(Type.Array(Domain, {
      minItems: 1,
      maxItems: 10000,
      description: 'Report only links to these hosts or their subdomains (e.g. [line.me, lin.ee]); a bare link to one is reported whatever its top-level domain.',
    })),
    allowDomains: Type.Optional(Type.Array(Domain, {
      maxItems: 10000,
      description: 'Never report these hosts or their subdomains (the platform, placeholders). Replaces the default list of reserved example domains.',
    })),
    bareTlds: Type.Optional(Type.Array(Domain, {
      maxItems: 2000,
      description: 'A link with neither scheme nor "www." counts only when its host ends in one of these (e.g. com, jp, co.jp). Replaces the default list.',
    })),
    excludeLocalhost: Type.Optional(Type.Boolean({ description: 'Never report localhost, *.local, loopback and private IPv4 hosts (default true).' })),
  },
  { additionalProperties: false },
);
export type UrlOptions = Static<typeof Options>;

/** Names reserved for documentation (RFC 2606, JPRS): placeholders, never anyone's site or mailbox. */
export const RESERVED_EXAMPLE_DOMAINS: readonly string[] = Object.freeze([
  'example.com', 'example.net', 'example.org', 'example.jp', 'example.co.jp', 'example.ne.jp', 'example.or.jp',
]);

/**
 * Top-level domains that make a scheme-less, `www.`-less host a link. Chosen for Japanese
 * marketplace texts: the generic and Japanese domains, the hosting suffixes of personal sites
 * (vercel.app, pages.dev, notion.site, lit.link, *.base.shop), and the country codes that
 * short-link and contact services live on (bit.ly, forms.gle, lin.ee, linktr.ee, we.tl,
 * gigafile.nu, wa.me, t.me, discord.gg, fanbox.cc, booth.pm, amzn.to, youtu.be, nico.ms…).
 *
 * Left out on purpose, because the same suffix is far more often a file name or a handle:
 * ai (logo.ai), md (README.md), py (resize.py), pl, sh, rs; art, photo, design, studio, works,
 * life, club (handles such as kotaro.s.art, nagomi.photo_); in (log.in), do (to.do), fi
 * (wi.fi), am (i.am), ws, id.
 */
export const DEFAULT_BARE_TLDS: readonly string[] = Object.freeze([
  'com', 'net', 'org', 'info', 'biz', 'xyz', 'jp', 'asia',
  'app', 'dev', 'page', 'site', 'link', 'shop',
  'io', 'me', 'ly', 'gl', 'gle', 'gg', 'ee', 'tl', 'nu', 'to', 'cc', 'co', 'us', 'uk', 'tv', 'fm', 'be', 'ms', 'pm', 'gd',
]);

const SPOT_LITERALS: readonly string[] = Object.freeze(['.', '//']);
// scheme://[userinfo@]host[:port] of an href; IDN hosts pass as any non-delimiter characters.
const AUTHORITY = /^([a-z][a-z0-9+.-]*):\/\/(?:[^/?#@]*@)?([^/?#:]*)(?::([^/?#]*))?/i;
const PORT = /^\d{0,5}$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const LOCAL_SUFFIX = /(?:^|\.)(?:localhost|local|internal|lan|home\.arpa)$/;

/**
 * Links to other sites: with a scheme (`https://…`, also the `ttps://` spelling), with `www.`,
 * or bare (`bit.ly/3xkq9rm`, `kinari-zakka.stores.jp`) when the top-level domain is in
 * `bareTlds`. Not links: a token after `@` (a handle such as `@marumaru.dev`; an e-mail's domain
 * is the email detector's), file names (`README.md`, `contact_qr.png`), a host glued to a word
 * character (`nagomi.photo_`), links whose scheme linkifyjs does not know (`postgres://…`).
 * `value` is the href with its scheme and host lower-cased (`http://` added when there was none).
 * @example detector: url, options: { domains: [line.me, lin.ee] }
 */
export const urlDetector: Detector<UrlOptions> = {
  meta: {
    id: 'url',
    description: 'A link to a web site (with a scheme, with www., or a bare host whose top-level domain is listed).',
    optionsSchema: Options,
  },
  create(options) {
    const policy: LinkPolicy = {
      domains: options.domains ? domainSet(options.domains) : null,
      allow: domainSet(options.allowDomains ?? RESERVED_EXAMPLE_DOMAINS),
      bareTlds: domainSet(options.bareTlds ?? DEFAULT_BARE_TLDS),
      excludeLocalhost: options.excludeLocalhost ?? true,
    };
    const instance: GatedDetectorInstance = {
      // Every SPOT match holds a '.' or "//": the engine skips all link rules on a text with neither.
      partLiterals: [[SPOT_LITERALS]],
      find(input) {
        const found: Candidate[] = [];
        for (const link of linksOfText(input.normalized)) if (allowedBy(link, policy)) found.push(link);
        return found;
      },
    };
    return instance;
  },
};

interface LinkPolicy {
  readonly domains: ReadonlySet<string> | null;
  readonly allow: ReadonlySet<string>;
  readonly bareTlds: ReadonlySet<string>;
  readonly excludeLocalhost: boolean;
}

/** A link of the text as every link rule reads it, before any rule's policy. */
interface ReadLink extends Candidate {
  /** The host, lower-cased. */
  readonly host: string;
  /** Written with a scheme or as "//host", so it is a link whatever its top-level domain. */
  readonly explicit: boolean;
  readonly value: string;
}

/** The text object of the last scan and its links. */
let readOwner: object | undefined;
let readLinks: readonly ReadLink[] = [];

/**
 * The links of one scan's text, read once and shared by all its link rules, which differ only
 * in their policy (`allowedBy`). The default pack has seven link rules, which each searched
 * the text for link spots and judged every link again: ~300-character messages with contacts
 * went from 43.8 to 41.9 µs per scan (whole scan, best of 40 rounds, Node 20).
 */
function linksOfText(scanned: { readonly text: string }): readonly ReadLink[] {
  if (scanned === readOwner) return readLinks;
  const text = scanned.text;
  const found: ReadLink[] = [];
  // Every character belongs to at most one window, so linkifyjs reads the text at most once.
  // The next "//" is looked for again only once passed: from every spot, a text with many
  // spots and no "//" was read to its end each time (80,000 spots: 126 ms, 20,000: 10 ms).
  let slash = text.indexOf('//');
  for (let spot = nextLinkSpot(text, 0, slash); spot >= 0; ) {
    const start = linkWindowStart(text, spot);
    const end = linkWindowEnd(text, spot);
    for (const link of findLinks(scanned, start, end)) {
      const read = readLink(text, link);
      if (read !== null) found.push(read);
    }
    const from = Math.max(spot + spotLength(text, spot), end);
    if (slash >= 0 && slash < from) slash = text.indexOf('//', from);
    spot = nextLinkSpot(text, from, slash);
  }
  readOwner = scanned;
  readLinks = found;
  return found;
}

/**
 * Where a link may be, from `from` on: "//" (after a scheme or alone), "www.", or a dot before
 * a letter ("bit.ly", "президент.рф"); -1 if nowhere. The leftmost match of
 * `/\/\/|www\.|\.(?:[a-z]|[^\x00-\x7f])/gi` (a property test holds it to that regex), found
 * with indexOf, where the regex tried every position: on ~300-character messages full of
 * numbers that have a '.' (versions, percentages), the link rules took 0.30 instead of 0.57 µs
 * (same-process A/B). A text without any spot calls no linkifyjs. `slash` is the first "//"
 * at or after `from` (-1: none), when the caller knows it.
 */
export function nextLinkSpot(text: string, from: number, slash = text.indexOf('//', from)): number {
  for (let dot = text.indexOf('.', from); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    // Every spot from this dot on starts at dot - 3 or later.
    if (slash >= 0 && slash < dot - 3) return slash;
    let spot = -1;
    if (dot - 3 >= from && isW(text.charCodeAt(dot - 3)) && isW(text.charCodeAt(dot - 2)) && isW(text.charCodeAt(dot - 1))) spot = dot - 3;
    else if (dot + 1 < text.length && opensHostLabel(text.charCodeAt(dot + 1))) spot = dot;
    if (spot >= 0) return slash >= 0 && slash < spot ? slash : spot;
  }
  return slash;
}

/** How many units the spot at `at` covers ("www." 4, "//" and ".x" 2). */
const spotLength = (text: string, at: number): number => (isW(text.charCodeAt(at)) ? 4 : 2);
const isW = (code: number): boolean => (code | 0x20) === 0x77;
/** An ASCII letter or any unit beyond ASCII. */
const opensHostLabel = (code: number): boolean => code >= 0x80 || isAsciiLetter(code);

/** Whether a rule with this policy reports the link. */
function allowedBy(link: ReadLink, policy: LinkPolicy): boolean {
  if (policy.excludeLocalhost && isPrivateHost(link.host)) return false;
  if (hostIn(link.host, policy.allow)) return false;
  const listed = policy.domains !== null && hostIn(link.host, policy.domains);
  if (policy.domains !== null && !listed) return false;
  return link.explicit || listed || link.host.startsWith('www.') || hasSuffixIn(link.host, policy.bareTlds);
}

/** What linkifyjs found, as a link to a host, or null when it is not one (an e-mail, a file name, a handle…). */
function readLink(text: string, link: LinkMatch): ReadLink | null {
  if (link.kind !== 'url') return null;
  let start = link.start;
  // linkifyjs adds "http://" to the href of a link written without a scheme.
  const hasScheme = link.href.length === link.end - link.start;
  let protocolRelative = false;
  if (hasScheme) {
    if (start > 0 && isWordChar(text.charCodeAt(start - 1))) return null; // "_http://…"
  } else {
    if (start >= 2 && text.charCodeAt(start - 1) === 0x2f && text.charCodeAt(start - 2) === 0x2f) {
      // "//host": a protocol-relative link, unless the slashes belong to an unknown scheme
      // ("hppt://", "postgres://") or a path ("///host", "_//host").
      if (start >= 3 && !isLeftBoundary(text.charCodeAt(start - 3))) return null;
      protocolRelative = true;
      start -= 2;
    } else if (start > 0) {
      const before = text.charCodeAt(start - 1);
      if (before === 0x3a /* : */ ? !isLabelBeforeColon(text, start - 1) : !isLeftBoundary(before)) return null;
    }
    const after = text.charCodeAt(link.end);
    if (isWordChar(after) || after === 0x40 /* @ */) return null; // "nagomi.photo_", "x.com@"
    if (isInLocalPart(text, link.end)) return null; // "a.cc-taro..hana@gmail.com" is one address
  }

  const authority = AUTHORITY.exec(link.href);
  if (authority === null) return null; // mailto: and other schemes without a host
  const scheme = authority[1]!.toLowerCase();
  if (scheme === 'mailto') return null;
  const host = authority[2]!.toLowerCase();
  const port = authority[3];
  if (!isValidHost(host)) return null;
  if (port !== undefined && !(PORT.test(port) && Number(port) <= 65535)) return null;

  const fixedScheme = scheme === 'ttp' ? 'http' : scheme === 'ttps' ? 'https' : scheme;
  const value = fixedScheme + authority[0].slice(scheme.length).toLowerCase() + link.href.slice(authority[0].length);
  return { start, end: link.end, value, host, explicit: hasScheme || protocolRelative };
}

/** ASCII letter or digit, '_', or a non-ASCII letter that can be in a link. */
function isWordChar(code: number): boolean {
  if (code >= 0x80) return isLinkChar(code);
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

/** Whether a bare host may start after this character (NaN: start of text). */
function isLeftBoundary(code: number): boolean {
  if (Number.isNaN(code) || !isLinkChar(code)) return true;
  if (isWordChar(code)) return false; // "_example.com", "xexample.com"
  // '.', '-', '/': part of a longer name or a path ("/path/to/file.pl"); '@': a handle;
  // '#': a hashtag; ':' only via isLabelBeforeColon.
  return '.-/:@#%&$\\'.indexOf(String.fromCharCode(code)) < 0;
}

/**
 * "url:booth.pm/x", "hp:haruka-design.net", "サイト:lin.ee/x" label a link; "path:to:file.pm"
 * is a path. The word before the colon must itself start at a boundary.
 */
function isLabelBeforeColon(text: string, colon: number): boolean {
  let i = colon;
  while (i > 0) {
    const code = text.charCodeAt(i - 1);
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x2d)) break;
    i--;
  }
  return i === 0 || isLeftBoundary(text.charCodeAt(i - 1));
}

/**
 * Whether the text from `end` on runs through local-part characters into an '@': then the
 * host before `end` is the start of an e-mail address (docomo's "a.cc-taro..hana@…", which
 * linkifyjs cuts at the "..") and belongs to the email detector.
 */
function isInLocalPart(text: string, end: number): boolean {
  let i = end;
  for (let code = text.charCodeAt(i); code === 0x2e || code === 0x2d || code === 0x2b || isWordChar(code); code = text.charCodeAt(++i)) {
    if (code >= 0x80) return false;
  }
  return i > end && text.charCodeAt(i) === 0x40;
}

/** Labels are non-empty and do not start or end with '-'; the last has no '_' ("example.com_"). */
function isValidHost(host: string): boolean {
  if (host.length === 0) return false;
  let labelStart = 0;
  for (let i = 0; i <= host.length; i++) {
    if (i < host.length && host.charCodeAt(i) !== 0x2e) continue;
    if (i === labelStart || host.charCodeAt(labelStart) === 0x2d || host.charCodeAt(i - 1) === 0x2d) return false;
    if (i === host.length && host.indexOf('_', labelStart) >= 0) return false;
    labelStart = i + 1;
  }
  return true;
}

/**
 * Whether a host is local: localhost, *.local / *.internal / *.lan / *.home.arpa, or an IPv4
 * loopback, private, link-local, shared (CGNAT) or unspecified address.
 * @example isPrivateHost('192.168.0.10') // true; isPrivateHost('lin.ee') // false
 */
export function isPrivateHost(host: string): boolean {
  if (LOCAL_SUFFIX.test(host)) return true;
  const ip = IPV4.exec(host);
  if (ip === null) return false;
  const a = Number(ip[1]);
  const b = Number(ip[2]);
  return a === 127 || a === 10 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/**
 * Compiles a list of domains into a set of lower-case names ("*.line.me" and ".line.me" mean "line.me").
 * @example hostIn('liff.line.me', domainSet(['LINE.me'])) // true
 */
export function domainSet(domains: readonly string[]): ReadonlySet<string> {
  return new Set(domains.map((d) => d.trim().toLowerCase().replace(/^\*?\./, '').replace(/\.$/, '')));
}

/**
 * Whether `host` is one of the domains or a subdomain of one. Costs one Set lookup per label.
 * @example hostIn('drive.google.com', domainSet(['google.com'])) // true
 */
export function hostIn(host: string, domains: ReadonlySet<string>): boolean {
  return domains.size > 0 && (domains.has(host) || hasSuffixIn(host, domains));
}

/** Whether `host` ends in ".<entry>" for an entry of the set (the host itself excluded). */
function hasSuffixIn(host: string, suffixes: ReadonlySet<string>): boolean {
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
    if (suffixes.has(host.slice(dot + 1))) return true;
  }
  return false;
}
