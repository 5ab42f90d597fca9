/**
 * The one module that imports linkifyjs. linkifyjs keeps global state (registered schemes
 * and plugins, a scanner built on first use), so Kanmon configures it here, once, and every
 * detector asks through `findLinks`.
 *
 * linkifyjs costs ~36 µs on a 275-character Japanese message but ~1.7 µs on a 20-character
 * window (measured on Node 20, warm), so callers never hand it a whole text: they cut a
 * window with `linkWindowStart`/`linkWindowEnd` around a spot that may hold a link.
 */
import * as linkify from 'linkifyjs';

// Japanese boards have long written links as "ttp://" / "ttps://" (the "h" dropped) so that
// they do not auto-link. Registered as schemes, they read as links with a scheme instead of
// a scheme-less host glued to stray letters. Must run before linkifyjs initialises.
linkify.registerCustomProtocol('ttp');
linkify.registerCustomProtocol('ttps');

/** A link or e-mail address that linkifyjs found, in offsets of the string given to `findLinks`. */
export interface LinkMatch {
  readonly kind: 'url' | 'email';
  readonly start: number;
  readonly end: number;
  /** linkifyjs's href: the text with `http://` or `mailto:` added when it had no scheme. */
  readonly href: string;
}

/**
 * Whether a UTF-16 code unit can be part of a link window. Whitespace, Japanese script and
 * punctuation, full-width forms, arrows, decorative symbols and emoji end a window: Japanese
 * writers put a URL right against text ("こちら→drive.google.com/x 。", "lin.ee/q8rtz2mから")
 * and linkifyjs, which accepts any letter in a path, would otherwise swallow the sentence.
 * Latin, Cyrillic, Arabic, Indic… letters stay in, so IDN hosts and paths still work.
 * @example isLinkChar('a'.charCodeAt(0)) // true; isLinkChar('。'.charCodeAt(0)) // false
 */
export function isLinkChar(code: number): boolean {
  if (!(code > 0x20)) return false; // controls, space, and NaN (outside the text)
  if (code < 0x80) return code !== 0x7f && code !== 0x7c /* | */ && code !== 0x5c /* \ */ && code !== 0x5e /* ^ */ && code !== 0x60 /* ` */;
  if (code < 0xc0) return false; // C1 controls, no-break space, Latin-1 symbols (¥ ° «)
  if (code === 0xd7 || code === 0xf7) return false; // × ÷
  if (code < 0x2000) return true; // Latin, Greek, Cyrillic, Arabic, Indic scripts…
  if (code < 0x2010) return code >= 0x200b; // spaces end a window; zero-width joiners do not
  if (code < 0x2070) return code >= 0x2060; // general punctuation: ‐ – — ‘ ’ “ ” … ‥ ※
  if (code >= 0x20a0 && code <= 0x218f) return false; // currency, letterlike (℃ № ™), number forms (Ⅱ)
  if (code >= 0x2190 && code <= 0x2bff) return false; // arrows, technical, enclosed ①, box, shapes, ★☆♪, dingbats ✿❤✪, ⬅⭐
  if (code >= 0x2e80 && code <= 0xa4cf) return false; // CJK radicals, 、。「」, kana, kanji
  if (code >= 0xac00 && code <= 0xdfff) return false; // Hangul syllables, surrogates (emoji, rare kanji)
  if (code >= 0xf900 && code <= 0xfaff) return false; // CJK compatibility ideographs
  if (code >= 0xfe00 && code <= 0xfe6f) return false; // variation selectors, vertical & small forms
  if (code >= 0xff00) return false; // full-width and half-width forms, specials
  return true;
}

/**
 * Start of the maximal run of link characters that contains `index`.
 * @example linkWindowStart('こちら→lin.ee/x 。', 6) // 4
 */
export function linkWindowStart(text: string, index: number): number {
  let start = index;
  while (start > 0 && isLinkChar(text.charCodeAt(start - 1))) start--;
  return start;
}

/**
 * End (exclusive) of the maximal run of link characters that contains `index`.
 * @example linkWindowEnd('こちら→lin.ee/x 。', 6) // 12
 */
export function linkWindowEnd(text: string, index: number): number {
  let end = index;
  while (end < text.length && isLinkChar(text.charCodeAt(end))) end++;
  return end;
}

/**
 * Runs linkifyjs on `scanned.text[from, to)` and returns its links and e-mail addresses in
 * offsets of that text, with two corrections to linkifyjs's ends: a link stops at a closing
 * bracket that it never opened (`[a](https://x.jp)[b](…)` gives `https://x.jp`, and the rest
 * is scanned again), and a quote that closes one opened inside the link is kept (`/a_"b"`).
 * `scanned` is the text object of one scan (the normalized text): answers are remembered for
 * that object only.
 * @example findLinks({ text: 'mail: m.arai@gmail.com' }) // [{ kind: 'email', start: 6, end: 22, href: 'mailto:m.arai@gmail.com' }]
 */
export function findLinks(scanned: { readonly text: string }, from = 0, to = scanned.text.length): readonly LinkMatch[] {
  // The URL detector (one reading for its seven rules, url.ts) and the e-mail detector read
  // the same windows of the same text: the first asks linkifyjs, the other gets its answer.
  // (Measured when each of the eight rules read the windows itself: on ~300-character
  // messages with contacts they cost 7.8 µs instead of 9.1 µs; Node 20, CPU time, warm.)
  // The memo is keyed by the scan's own text object, not by the string: a string scanned
  // again would find the last scan's answers, and a benchmark that repeats a text read a 1 MB
  // "@" run at ~50 µs per KB while every fresh scan paid 300–600 (before linksIn's pieces).
  if (scanned !== memoOwner) {
    memo.clear();
    memoOwner = scanned;
  }
  const known = memo.get(from);
  if (known !== undefined && known.to === to) return known.links;
  const links = Object.freeze(linksIn(scanned.text, from, to));
  memo.set(from, { to, links });
  return links;
}

/** The text object of the last scan, and its windows' links by window start. */
let memoOwner: object | undefined;
const memo = new Map<number, { readonly to: number; readonly links: readonly LinkMatch[] }>();

/**
 * Longest piece of a window handed to linkifyjs at once. linkifyjs keeps a token object per
 * character of what it reads, and on very long runs that turns super-linear: "@" × n costs
 * ~100 µs per KB at 10 KB, 180 at 100 KB and 360 at 1 MB (Node 20, CPU time). A longer
 * window is read in overlapping pieces of this size: a whole scan of a 1 MB "@" run went
 * from 422 to ~90 µs per KB, as flat as at 1 KB (bench/scaling.bench.ts).
 */
const PIECE = 4096;
/** A link that ends this close to a piece's end may go on past it; it is read again in the next piece. */
const OVERLAP = 512;

function linksIn(text: string, from: number, to: number): LinkMatch[] {
  if (to - from <= PIECE) return linksInPiece(text, from, to);
  const out: LinkMatch[] = [];
  let at = from;
  while (at < to) {
    const pieceEnd = Math.min(to, at + PIECE);
    // Links ending before `settled` ended inside the text, not at the cut.
    const settled = pieceEnd === to ? to + 1 : pieceEnd - OVERLAP;
    let next = settled;
    for (const link of linksInPiece(text, at, pieceEnd)) {
      if (link.end < settled) {
        out.push(link);
        continue;
      }
      if (link.start > at) {
        next = link.start; // read it again, whole, from its start
      } else {
        out.push(link); // longer than a piece: reported up to the cut, the rest read on
        next = link.end;
      }
      break;
    }
    at = next;
  }
  return out;
}

function linksInPiece(text: string, from: number, to: number): LinkMatch[] {
  const out: LinkMatch[] = [];
  let at = from;
  while (at < to) {
    const window = text.slice(at, to);
    let rescanAt = -1;
    for (const found of linkify.find(window)) {
      if (found.type !== 'url' && found.type !== 'email') continue;
      const kind = found.type;
      let value = found.value;
      let end = found.end;
      const cut = unopenedCloser(value);
      if (cut >= 0) {
        value = trimTrailingPunctuation(value.slice(0, cut));
        end = found.start + value.length;
        rescanAt = at + found.start + cut;
      } else if (kind === 'url') {
        const next = window.charCodeAt(end);
        if ((next === 0x22 || next === 0x27) && countOf(value, next) % 2 === 1) {
          value += window[end];
          end++;
        }
      }
      if (value.length === 0) continue;
      const prefix = found.href.length > found.value.length && found.href.endsWith(found.value) ? found.href.slice(0, found.href.length - found.value.length) : '';
      out.push({ kind, start: at + found.start, end: at + end, href: prefix + value });
      if (rescanAt >= 0) break;
    }
    if (rescanAt < 0) break;
    at = rescanAt;
  }
  return out;
}

/** Index of the first `)`, `]` or `}` with no opener before it, or -1. */
function unopenedCloser(value: string): number {
  let round = 0;
  let square = 0;
  let curly = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '(') round++;
    else if (c === '[') square++;
    else if (c === '{') curly++;
    else if (c === ')' ? round-- === 0 : c === ']' ? square-- === 0 : c === '}' && curly-- === 0) return i;
  }
  return -1;
}

function trimTrailingPunctuation(value: string): string {
  let end = value.length;
  while (end > 0 && '.,;:!?\'"'.includes(value[end - 1]!)) end--;
  return value.slice(0, end);
}

function countOf(value: string, code: number): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) === code) n++;
  return n;
}
