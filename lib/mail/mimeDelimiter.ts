/**
 * Which open multipart a line of a mail delimits, if any (RFC 2046 §5.1.1): `--boundary`, or
 * `--boundary--` for the last, with any whitespace after it; for the framing repair.
 */

/** A multipart whose closing delimiter has not been seen yet. */
export interface Open {
  boundary: string;
  digest: boolean;
}

const SPACE = new Set([0x20, 0x09, 0x0d, 0x0a]);

export interface Delimiter {
  /** The open multipart it belongs to. */
  level: number;
  isClose: boolean;
  line: string;
  trimmed: string;
}

/** The delimiter line of an open multipart at `pos`, if it is one (RFC 2046 §5.1.1). */
export function delimiterAt(
  raw: Buffer,
  pos: number,
  end: number,
  stack: readonly Open[],
  open: ReadonlySet<string>,
  longest: number,
): Delimiter | undefined {
  if (raw[pos] !== 0x2d || raw[pos + 1] !== 0x2d || !maybeDelimiter(raw, pos, end, longest)) {
    return undefined;
  }
  const line = raw.toString('latin1', pos + 2, end);
  const trimmed = line.replace(/[ \t\r\n]+$/, '');
  const closing = trimmed.endsWith('--');
  const value = closing ? trimmed.slice(0, -2) : trimmed;
  const find = (b: string): number => {
    let level = open.has(b) ? stack.length - 1 : -1;
    while (level >= 0 && stack[level]?.boundary !== b) level--;
    return level;
  };
  let level = find(value);
  const isClose = closing && level >= 0;
  // A boundary may itself end in "--": then the line opens its next part.
  if (level < 0 && closing) level = find(trimmed);
  return level >= 0 ? { level, isClose, line, trimmed } : undefined;
}

/** A line as long as a delimiter of an open boundary, trailing whitespace aside: a cheap gate. */
function maybeDelimiter(raw: Buffer, pos: number, end: number, longest: number): boolean {
  let e = end;
  while (e > pos && SPACE.has(raw[e - 1] as number)) e--;
  return e - pos <= longest + 4 && e - pos > 2;
}
