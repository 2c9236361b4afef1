/**
 * Encoded words (RFC 2047) whose label says Latin-1 but whose bytes are UTF-8: mailers that put
 * raw UTF-8 bytes inside a word, or encode UTF-8 text under their default label. Decoded as
 * labelled, each letter came out as two ("FrÃ¶sche" for "Frösche"). A run of bytes that is valid
 * UTF-8 with non-ASCII letters is almost never meant as Latin-1, so such a word is relabelled.
 */
import { isUtf8 } from 'node:buffer';

import { hasEightBit } from './charset';

const LATIN_WORD =
  /=\?(iso-8859-1|iso-8859-15|latin1|windows-1252|cp1252|us-ascii)(\*[^?]*)?\?([bq])\?([^?\s]*)\?=/gi;

/**
 * The word's bytes as they were sent. The header section was read as UTF-8 where valid, so a
 * non-ASCII character in a Q word stands for its UTF-8 bytes; `=XX` is one byte.
 */
function wireBytes(encoding: string, text: string): Buffer {
  if (encoding.toLowerCase() === 'b') return Buffer.from(text, 'base64');
  return Buffer.concat(
    text
      .split(/(=[0-9A-Fa-f]{2})/)
      .map((part) =>
        /^=[0-9A-Fa-f]{2}$/.test(part)
          ? Buffer.from([parseInt(part.slice(1), 16)])
          : Buffer.from(part.replace(/_/g, ' '), 'utf8'),
      ),
  );
}

/** Each Latin-labelled encoded word whose bytes are UTF-8, relabelled as UTF-8. */
export function relabelUtf8Words(header: string): string {
  return header.replace(LATIN_WORD, (word, _cs: string, _lang, enc: string, text: string) => {
    const bytes = wireBytes(enc, text);
    return hasEightBit(bytes) && isUtf8(bytes) ? `=?utf-8?B?${bytes.toString('base64')}?=` : word;
  });
}
