/**
 * A string together with, for each of its UTF-16 code units, the span of the original text
 * it came from. Every normalization step takes a MappedText and returns one, so a match found
 * on normalized text can always be reported at offsets into the text the caller sent
 * (the obscenity library's approach, see STYLE.md).
 * @example
 * const m = normalize('ＬＩＮＥ'); // { text: 'line', starts: [0, 1, 2, 3], ends: [1, 2, 3, 4], originalLength: 4 }
 */
export interface MappedText {
  /** The transformed text. */
  readonly text: string;
  /** `starts[i]`: original offset where the source of `text[i]` begins. */
  readonly starts: Int32Array;
  /** `ends[i]`: original offset (exclusive) where the source of `text[i]` ends. */
  readonly ends: Int32Array;
  /** Length of the original text (the offset a match ending at the end maps to). */
  readonly originalLength: number;
}

/**
 * Offsets 0, 1, 2, … shared by every identity map: `starts` and `ends` of a text of n units are
 * views of it (nobody writes into a map's arrays). Filling two fresh arrays cost 1 µs of a
 * 300-character scan; a view costs two `subarray` calls. Texts longer than the table get their own.
 */
let SHARED_OFFSETS = new Int32Array(0);

/**
 * Longest text (in code units) whose per-text tables the normalization steps keep from one
 * call to the next: the shared offsets here, the steps' scratch arrays. A longer text gets
 * tables of its own, which go with it, so one megabyte message does not hold megabytes for good.
 */
export const KEPT_TABLE_UNITS = 1 << 16;

/**
 * The identity mapping of a text onto itself.
 * @example identityMapped('abc').starts // Int32Array [0, 1, 2]
 */
export function identityMapped(text: string): MappedText {
  const n = text.length;
  let offsets = SHARED_OFFSETS;
  if (n >= offsets.length) {
    offsets = new Int32Array(n < KEPT_TABLE_UNITS ? KEPT_TABLE_UNITS + 1 : n + 1);
    for (let i = 0; i < offsets.length; i++) offsets[i] = i;
    if (n < KEPT_TABLE_UNITS) SHARED_OFFSETS = offsets;
  }
  return { text, starts: offsets.subarray(0, n), ends: offsets.subarray(1, n + 1), originalLength: n };
}

/**
 * Maps a half-open span of normalized text back to the original text.
 * An empty span maps to an empty span at the corresponding position.
 * @example originalSpan(m, 0, 3) // [start, end] in the caller's text
 */
export function originalSpan(mapped: MappedText, start: number, end: number): [number, number] {
  if (end <= start) {
    const at = start < mapped.text.length ? mapped.starts[start]! : mapped.originalLength;
    return [at, at];
  }
  return [mapped.starts[start]!, mapped.ends[end - 1]!];
}

/**
 * Accumulates the output of one normalization step. Each appended piece says which
 * span of the step's *input* it replaces; the builder composes that with the input's own
 * map so the result always points into the original text.
 *
 * @example
 * const out = new MappedTextBuilder(input); // input.text === 'ｶﾞid'
 * out.replace(0, 2, 'ガ'); // one unit standing for two
 * out.keep(2, 4);
 * out.build().text // 'ガid', starts [0, 2, 3], ends [2, 3, 4]
 *
 * Offsets are copied with plain loops: `subarray` + `set` and `fill` cost ~150 ns per call
 * in allocation and builtin overhead, which made 30 one-character replacements take 9.5 µs.
 */
export class MappedTextBuilder {
  /**
   * The output's code units, written with its map in the same loops and decoded once by
   * `build`. It used to collect slices and join them: a megabyte of "l i n e " made half a
   * million small strings, and µs per KB at 1 MB doubled from the garbage collector.
   */
  private codes: Uint16Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private length = 0;

  constructor(private readonly input: MappedText) {
    // Most steps shrink or keep the length; grow on demand for the rare expanding ones.
    [this.codes, this.starts, this.ends] = unitsAndMap(input.text.length + 16);
  }

  /** Copies `input.text[from, to)` unchanged, keeping its map. */
  keep(from: number, to: number): void {
    if (to <= from) return;
    this.ensure(to - from);
    const { text, starts, ends } = this.input;
    let at = this.length;
    for (let k = from; k < to; k++, at++) {
      this.codes[at] = text.charCodeAt(k);
      this.starts[at] = starts[k]!;
      this.ends[at] = ends[k]!;
    }
    this.length = at;
  }

  /** Emits `replacement` in place of `input.text[from, to)`; every emitted unit maps to that whole span. */
  replace(from: number, to: number, replacement: string): void {
    const n = replacement.length;
    if (n === 0) return;
    this.ensure(n);
    const s = from < this.input.text.length ? this.input.starts[from]! : this.input.originalLength;
    const e = to > from ? this.input.ends[to - 1]! : s;
    for (let u = 0, at = this.length; u < n; u++, at++) {
      this.codes[at] = replacement.charCodeAt(u);
      this.starts[at] = s;
      this.ends[at] = e;
    }
    this.length += n;
  }

  /** Emits the units `folded` in place of `input.text[from, from + folded.length)`, unit for unit: each keeps its own map. */
  keepFolded(from: number, folded: Uint16Array): void {
    const n = folded.length;
    if (n === 0) return;
    this.ensure(n);
    const { starts, ends } = this.input;
    for (let u = 0, at = this.length; u < n; u++, at++) {
      this.codes[at] = folded[u]!;
      this.starts[at] = starts[from + u]!;
      this.ends[at] = ends[from + u]!;
    }
    this.length += n;
  }

  /**
   * Emits `piece`, the transformed text of `input.text[from, …)` whose own map is relative
   * to that span, composing the two maps so every unit still points into the original.
   */
  appendMapped(from: number, piece: MappedText): void {
    const n = piece.text.length;
    if (n === 0) return;
    this.ensure(n);
    const { starts, ends, originalLength } = this.input;
    const inputLength = this.input.text.length;
    for (let u = 0, at = this.length; u < n; u++, at++) {
      const s = from + piece.starts[u]!;
      const e = from + piece.ends[u]!;
      const start = s < inputLength ? starts[s]! : originalLength;
      this.codes[at] = piece.text.charCodeAt(u);
      this.starts[at] = start;
      this.ends[at] = e > s ? ends[e - 1]! : start;
    }
    this.length += n;
  }

  build(): MappedText {
    return {
      text: stringOf(this.codes.subarray(0, this.length)),
      starts: this.starts.subarray(0, this.length),
      ends: this.ends.subarray(0, this.length),
      originalLength: this.input.originalLength,
    };
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.starts.length) return;
    const [codes, starts, ends] = unitsAndMap(Math.max(this.starts.length * 2, this.length + extra));
    codes.set(this.codes.subarray(0, this.length));
    starts.set(this.starts.subarray(0, this.length));
    ends.set(this.ends.subarray(0, this.length));
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
  }
}

/**
 * A builder's three arrays of `size` entries over one buffer: each typed array of its own is a
 * backing store to allocate and later free, and three of 316 entries took 3.7–4.9 µs in a loop
 * against 1.1–2.1 µs for one buffer with three views (a contacts scan makes ~0.7 builders).
 */
function unitsAndMap(size: number): [codes: Uint16Array, starts: Int32Array, ends: Int32Array] {
  const buffer = new ArrayBuffer(size * 10);
  return [new Uint16Array(buffer, size * 8, size), new Int32Array(buffer, 0, size), new Int32Array(buffer, size * 4, size)];
}

/**
 * Replaces every match of a global regex. `replacer` returns the replacement, or `null`
 * to keep the match as it is. Returns the input itself when nothing changed, so a step
 * that finds nothing to do costs one regex scan and no allocation.
 * @example replaceMatches(m, /\u200b/g, () => '') // removes zero-width spaces
 */
export function replaceMatches(
  input: MappedText,
  pattern: RegExp,
  replacer: (match: RegExpExecArray) => string | null,
): MappedText {
  pattern.lastIndex = 0;
  let match = pattern.exec(input.text);
  if (match === null) return input;
  const out = new MappedTextBuilder(input);
  let cursor = 0;
  let changed = false;
  while (match !== null) {
    const from = match.index;
    const to = from + match[0].length;
    if (to === from) {
      pattern.lastIndex++;
    } else {
      const replacement = replacer(match);
      if (replacement !== null && replacement !== match[0]) {
        out.keep(cursor, from);
        out.replace(from, to, replacement);
        cursor = to;
        changed = true;
      }
    }
    match = pattern.exec(input.text);
  }
  if (!changed) return input;
  out.keep(cursor, input.text.length);
  return out.build();
}

/**
 * Applies a one-to-one code-unit mapping (case folding, kana folding, look-alike letters).
 * The map is unchanged because every output unit comes from the unit at the same index.
 * @example mapCodeUnits(identityMapped('ABC'), (c) => c | 0x20).text // 'abc'
 */
export function mapCodeUnits(input: MappedText, convert: (code: number) => number): MappedText {
  const text = input.text;
  const n = text.length;
  let i = 0;
  for (; i < n; i++) if (convert(text.charCodeAt(i)) !== text.charCodeAt(i)) break;
  if (i === n) return input;
  const codes = new Uint16Array(n);
  for (let j = 0; j < n; j++) codes[j] = j < i ? text.charCodeAt(j) : convert(text.charCodeAt(j));
  return { text: stringOf(codes), starts: input.starts, ends: input.ends, originalLength: input.originalLength };
}

/**
 * The string of UTF-16 code units. Decoded by Buffer's native UCS-2 reader over the same
 * memory (no copy; lone surrogates kept as they are): 0.26 µs for 300 units, where
 * `String.fromCharCode.apply` took 1.9 µs and spreading the array 13.5 µs. UCS-2 is little-
 * endian, as a Uint16Array is on every platform Node runs on but s390x; there, `apply`.
 * `length` takes the first units only (a buffer kept for reuse).
 * @example stringOf(new Uint16Array([0x6c, 0x69])) // 'li'
 */
export function stringOf(codes: Uint16Array, length = codes.length): string {
  if (LITTLE_ENDIAN) return Buffer.from(codes.buffer, codes.byteOffset, length * 2).toString('ucs2');
  let out = '';
  // One `apply` per 8k units keeps the argument list small.
  for (let j = 0; j < length; j += 8192) {
    out += String.fromCharCode.apply(null, codes.subarray(j, Math.min(j + 8192, length)) as unknown as number[]);
  }
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
