/**
 * linkify-it's own fixtures (markdown-it/linkify-it, test/fixtures at 8e887d5, MIT; copied to
 * test/fixtures/linkify-it with its LICENSE) run through Kanmon's url and email detectors.
 *
 * The faithful check: the detectors as configured for external links, with an empty allow list
 * (example.com is a placeholder in the default rules but a link here), an e-mail counting when
 * the email detector finds it. Where Kanmon's marketplace policy deliberately differs, the
 * fixture is listed in EXCEPTIONS with the reason, what Kanmon reports instead, and (when the
 * difference is one option) the option under which the fixture passes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emailDetector, type EmailOptions } from '../../src/detectors/email.js';
import type { Candidate, DetectorEnv } from '../../src/detectors/types.js';
import { urlDetector, type UrlOptions } from '../../src/detectors/url.js';
import { identityMapped } from '../../src/normalize/mapped-text.js';

// These detectors read no keywords, so they need no normalizing environment.
const env = {} as DetectorEnv;
const FAITHFUL: { url: UrlOptions; email: EmailOptions } = { url: { allowDomains: [] }, email: { allowDomains: [] } };

/** Every span the two detectors report in `text`. */
function spans(text: string, options: { url?: UrlOptions; email?: EmailOptions } = {}): string[] {
  const input = { normalized: identityMapped(text), original: text, context: 'message' as const };
  const found: Candidate[] = [
    ...urlDetector.create({ ...FAITHFUL.url, ...options.url }, env).find(input),
    ...emailDetector.create({ ...FAITHFUL.email, ...options.email }, env).find(input),
  ];
  return found.map((c) => text.slice(c.start, c.end));
}

/**
 * Lines of a fixture file without comments. '%' starts a comment at the start of a line or
 * after white space; inside a link ("…Ng%3A1575…") it is data. A comment-only line is dropped;
 * a blank line is kept, as it separates blocks.
 */
function fixtureLines(name: string): string[] {
  const raw = readFileSync(new URL(`../fixtures/linkify-it/${name}`, import.meta.url), 'utf8').split(/\r?\n/);
  return raw.filter((line) => !/^\s*%/.test(line)).map((line) => line.replace(/(^|\s)%.*$/, '').trimEnd());
}

/** links.txt: a block of one line is a link found whole; of two, a text and the link in it. */
function linkBlocks(): { line: number; text: string; link: string }[] {
  const blocks: string[][] = [[]];
  for (const line of fixtureLines('links.txt')) {
    if (line === '') blocks.push([]);
    else blocks.at(-1)!.push(line);
  }
  return blocks
    .filter((b) => b.length > 0)
    .map((b, i) => {
      if (b.length > 2) throw new Error(`links.txt block ${i} has ${b.length} lines: ${b.join(' / ')}`);
      return { line: i, text: b[0]!, link: b.at(-1)! };
    });
}

interface PeerException {
  /** The fixture line (the text of its block). */
  text: string;
  reason: string;
  /** What Kanmon reports in `text` under the faithful options. */
  kanmonFinds: string[];
  /** Options under which the fixture passes, when the difference is one policy switch. */
  passesWith?: { url?: UrlOptions; email?: EmailOptions };
}

const LOCAL = 'excludeLocalhost (default true): a link to localhost or a private address cannot take a conversation off the platform';
const LINK_EXCEPTIONS: readonly PeerException[] = [
  { text: '//localhost', reason: LOCAL, kanmonFinds: [], passesWith: { url: { excludeLocalhost: false } } },
  { text: 'http://localhost:8000?', reason: LOCAL, kanmonFinds: [], passesWith: { url: { excludeLocalhost: false } } },
  { text: 'http://172.26.142.48/viewerjs/#../0529/slides.pdf', reason: LOCAL, kanmonFinds: [], passesWith: { url: { excludeLocalhost: false } } },
  {
    text: '//test.123',
    reason: 'a numeric top-level domain is no public host; linkifyjs (like browsers) does not take "test.123" for a domain',
    kanmonFinds: [],
  },
  {
    text: '4.4.4.4',
    reason: 'a bare dotted quad is more often a version number (1.0.0.1) than a link in marketplace texts; with a scheme (http://4.4.4.4) it is found',
    kanmonFinds: [],
  },
  {
    text: '192.168.1.1/abc',
    reason: 'a bare dotted quad is not a link (see 4.4.4.4), and a private address is excluded anyway',
    kanmonFinds: [],
  },
  {
    text: 'google.xxx // known tld',
    reason: 'bareTlds: a host written without scheme or www. counts only with a listed top-level domain; "xxx" is not in the default list',
    kanmonFinds: [],
    passesWith: { url: { bareTlds: ['xxx'] } },
  },
  {
    text: 'a.ws',
    reason: 'bareTlds: "ws" is not in the default list (rare for Japanese services, common in handles)',
    kanmonFinds: [],
    passesWith: { url: { bareTlds: ['ws'] } },
  },
  {
    text: 'президент.рф',
    reason: 'bareTlds: "рф" is not in the default list; with a scheme the IDN host is found',
    kanmonFinds: [],
    passesWith: { url: { bareTlds: ['рф'] } },
  },
  {
    text: 'http://✪df.ws/123',
    reason: 'decorative symbols (✪ ✿ ❤ ★, dingbats) end a link window: Japanese writers put them right against a URL; the punycode form of this host is found',
    kanmonFinds: [],
  },
  {
    text: '➡.ws/䨹',
    reason: 'arrows and kanji end a link window ("こちら➡lin.ee/x", "lin.ee/xから"), so neither can be part of a link',
    kanmonFinds: [],
  },
  {
    text: 'example.com/䨹',
    reason: 'kanji end a link window: Japanese text routinely follows a URL without a space',
    kanmonFinds: ['example.com/'],
  },
  {
    text: 'test."foo".bar@gmail.co.uk!',
    reason: 'quoted local-part segments (RFC 5322 obs-local-part) are not read; the deliverable part is still reported',
    kanmonFinds: ['bar@gmail.co.uk'],
  },
  {
    text: 'mailto:foo@bar',
    reason: 'an address whose domain has no dot cannot be reached over the internet, mailto: or not',
    kanmonFinds: [],
  },
];

describe('linkify-it links.txt', () => {
  const blocks = linkBlocks();
  const excepted = new Set(LINK_EXCEPTIONS.map((e) => e.text));
  const checked = blocks.filter((b) => !excepted.has(b.text));

  it('every exception names a fixture', () => {
    const texts = new Set(blocks.map((b) => b.text));
    expect(LINK_EXCEPTIONS.filter((e) => !texts.has(e.text))).toEqual([]);
    expect(blocks.length).toBe(checked.length + LINK_EXCEPTIONS.length);
  });

  it.each(checked)('finds $link in $text', ({ text, link }) => {
    expect(spans(text)).toContain(link);
  });

  it.each(LINK_EXCEPTIONS)('exception: $text ($reason)', ({ text, kanmonFinds, passesWith }) => {
    const link = blocks.find((b) => b.text === text)!.link;
    expect(spans(text)).toEqual(kanmonFinds);
    if (passesWith) expect(spans(text, passesWith)).toContain(link);
  });
});

// Every line of not_links.txt holds under Kanmon's policy too: no exceptions.
describe('linkify-it not_links.txt', () => {
  it.each(fixtureLines('not_links.txt').filter((line) => line !== ''))('finds no link in %s', (text) => {
    expect(spans(text)).toEqual([]);
  });
});
