/**
 * Masking violations out of a text for `redact: true`.
 */

export const MASK = '＊';

// One segmenter for the process: constructing Intl.Segmenter loads ICU data each time.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Replaces every character inside a violation span with one ＊ per grapheme, merging
 * overlapping and touching spans first. Graphemes, not code units: a keycap digit "1️⃣" is
 * three code points but one character to the reader, and one mask hides that it was a digit.
 * @example redactText('LINE: kenta88', [{ start: 6, end: 13 }]) // 'LINE: ＊＊＊＊＊＊＊'
 */
export function redactText(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  let runStart = sorted[0]!.start;
  let runEnd = sorted[0]!.end;
  const flush = (): void => {
    out += text.slice(cursor, runStart) + mask(text.slice(runStart, runEnd));
    cursor = runEnd;
  };
  for (let i = 1; i < sorted.length; i++) {
    const span = sorted[i]!;
    if (span.start <= runEnd) {
      runEnd = Math.max(runEnd, span.end);
    } else {
      flush();
      runStart = span.start;
      runEnd = span.end;
    }
  }
  flush();
  return out + text.slice(cursor);
}

function mask(part: string): string {
  let count = 0;
  for (const _ of graphemes.segment(part)) count++;
  return MASK.repeat(count);
}
