/**
 * Splitting a byte stream into NDJSON lines with a per-line limit and nothing else buffered:
 * memory stays at one line (≤ the limit) plus one input chunk however long the stream is.
 */

export const NDJSON_MEDIA_TYPE = 'application/x-ndjson';

export type NdjsonLine =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly tooLong: true };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * One line's bytes (newline excluded) as an NDJSON line, or undefined when it is blank. A
 * trailing CR is dropped, and so is a byte-order mark at the start of line 1.
 * @example ndjsonLine(Buffer.from('{"text":"a"}\r'), 3) // { line: 3, text: '{"text":"a"}' }
 */
export function ndjsonLine(bytes: Buffer, lineNumber: number): NdjsonLine | undefined {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
  const text = bytes.toString('utf8', 0, end);
  if (text.trim() === '') return undefined;
  return { line: lineNumber, text: lineNumber === 1 ? text.replace(/^\uFEFF/, '') : text };
}

/**
 * Reads `source` and yields its non-blank lines, grouped by the input chunk they ended in,
 * so a consumer can answer a whole chunk's lines with one write. A line longer than
 * `maxLineBytes` (newline excluded) is skipped without being kept and yields `tooLong`.
 * Line numbers are 1-based and count blank lines. Splitting on the byte 0x0A is safe for
 * UTF-8, where that byte never occurs inside a multi-byte character.
 * @example for await (const lines of readNdjsonLines(request.raw, 1 << 20)) for (const l of lines) …
 */
export async function* readNdjsonLines(source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<NdjsonLine[]> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let lineNumber = 0;

  const finishLine = (): NdjsonLine | undefined => {
    lineNumber++;
    let result: NdjsonLine | undefined;
    if (skipping) {
      result = { line: lineNumber, tooLong: true };
    } else if (size > 0) {
      result = ndjsonLine(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size), lineNumber);
    }
    parts = [];
    size = 0;
    skipping = false;
    return result;
  };

  for await (const input of source) {
    const chunk = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    const lines: NdjsonLine[] = [];
    let from = 0;
    while (from < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, from);
      const end = newline === -1 ? chunk.length : newline;
      if (!skipping && end > from) {
        if (size + (end - from) > maxLineBytes) {
          skipping = true;
          parts = [];
          size = 0;
        } else {
          parts.push(chunk.subarray(from, end));
          size += end - from;
        }
      }
      if (newline === -1) break;
      const line = finishLine();
      if (line !== undefined) lines.push(line);
      from = newline + 1;
    }
    if (lines.length > 0) yield lines;
  }
  if (size > 0 || skipping) {
    const last = finishLine();
    if (last !== undefined) yield [last];
  }
}
