/**
 * Decoding where the mail lies about its bytes. mailparser decodes what is declared; these cover
 * the common lies it turns into U+FFFD: raw 8-bit header bytes (RFC 5322 allows only ASCII; RFC
 * 6532 allows UTF-8), Latin-1 bytes inside a part declared UTF-8 (a footer appended by a relay),
 * and Shift_JIS labelled ISO-2022-JP. Charset labels are the WHATWG Encoding Standard's, which
 * Node's TextDecoder implements (gb2312 reads as GBK, ks_c_5601-1987 as windows-949).
 */
import { isUtf8 } from 'node:buffer';

export function hasEightBit(bytes: Uint8Array): boolean {
  return bytes.some((b) => b >= 0x80);
}

// windows-1252 at 0x80-0x9F. Node's TextDecoder reads this label as ISO-8859-1 (C1 controls
// there), so the WHATWG mapping is applied here.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const LATIN_LABELS =
  /^(windows-1252|cp1252|x-cp1252|iso-8859-1|iso8859-1|latin1|l1|us-ascii|ascii|iso-ir-100)$/;

export function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes)
    out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Decodes in a charset by label; undefined when the label is unknown. */
export function decodeAs(bytes: Uint8Array, label: string): string | undefined {
  const name = label.trim().toLowerCase();
  if (LATIN_LABELS.test(name)) return windows1252(bytes);
  try {
    return new TextDecoder(name).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Length of the valid UTF-8 sequence starting at i (RFC 3629 §4), or 0. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i] ?? 0;
  const n =
    b < 0x80
      ? 1
      : b >= 0xc2 && b <= 0xdf
        ? 2
        : b >= 0xe0 && b <= 0xef
          ? 3
          : b >= 0xf0 && b <= 0xf4
            ? 4
            : 0;
  if (n <= 1) return n;
  for (let k = 1; k < n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return 0;
  return isUtf8(bytes.subarray(i, i + n)) ? n : 0;
}

/** UTF-8 where it is valid; each byte of an invalid sequence read as windows-1252. */
export function lenientUtf8(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes).toString('utf8');
  let out = '';
  let start = 0;
  for (let i = 0; i < bytes.length;) {
    const n = utf8Length(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out +=
      Buffer.from(bytes.subarray(start, i)).toString('utf8') +
      windows1252(bytes.subarray(i, i + 1));
    start = ++i;
  }
  return out + Buffer.from(bytes.subarray(start)).toString('utf8');
}

/**
 * Raw 8-bit header bytes: UTF-8 when valid, else the mail's declared charset, else windows-1252.
 * A mail declaring 7-bit ISO-2022-JP that has 8-bit bytes was written in Shift_JIS.
 */
export function decodeRawHeader(bytes: Uint8Array, hint: string | undefined): string {
  if (isUtf8(bytes)) return Buffer.from(bytes).toString('utf8');
  const label = hint && /^iso-?2022-?jp/i.test(hint) ? 'shift_jis' : hint;
  const decoded = label ? decodeAs(bytes, label) : undefined;
  return decoded && !decoded.includes('\uFFFD') ? decoded : lenientUtf8(bytes);
}

const JIS_WORD = /=\?iso-2022-jp(\*[^?]*)?\?([bq])\?([^?\s]*)\?=/gi;

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding.toLowerCase() === 'b') return Buffer.from(text, 'base64');
  const q = text
    .replace(/_/g, ' ')
    .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(q, 'latin1');
}

/**
 * ISO-2022-JP is a 7-bit encoding (RFC 1468); an encoded word (RFC 2047) labelled so but carrying
 * 8-bit bytes comes from a mailer that wrote Shift_JIS, and is relabelled as such.
 */
export function relabelShiftJisWords(header: string): string {
  return header.replace(JIS_WORD, (word, _lang: string | undefined, enc: string, text: string) => {
    const bytes = wordBytes(enc, text);
    return hasEightBit(bytes) ? `=?shift_jis?B?${bytes.toString('base64')}?=` : word;
  });
}

/**
 * Puts back what strict UTF-8 decoding lost in a decoded body: each captured part's strict
 * decoding, found verbatim in the body, is replaced by its lenient decoding.
 */
export function repairDecoded(
  decoded: string | undefined,
  parts: readonly RawText[],
  contentType: 'text/plain' | 'text/html',
): string | undefined {
  if (!decoded?.includes('\uFFFD')) return decoded;
  let out = decoded;
  for (const part of parts) {
    if (part.contentType !== contentType) continue;
    const as = (text: string): string =>
      (part.flowed ? decodeFlowed(text, part.delSp) : text).replace(/\r?\n/g, '\n');
    const lenient = as(lenientUtf8(part.bytes));
    out = out.replace(as(part.bytes.toString('utf8')), () => lenient);
  }
  return out;
}

export interface RawText {
  contentType: string;
  bytes: Buffer;
  /** format=flowed (RFC 3676), as mailparser decodes it. */
  flowed: boolean;
  delSp: boolean;
}

/** RFC 3676 §4.2 soft line breaks and §4.4 space-stuffing, as libmime's decodeFlowed does. */
function decodeFlowed(text: string, delSp: boolean): string {
  const out: string[] = [];
  let para: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (para !== undefined && para.endsWith(' ') && para !== '-- ') {
      para = (delSp ? para.slice(0, -1) : para) + line;
    } else {
      if (para !== undefined) out.push(para);
      para = line;
    }
  }
  if (para) out.push(para);
  return out.join('\n').replace(/^ /gm, '');
}
