/**
 * The charset a text part's bytes are really in, where its label is missing or plainly wrong.
 * mailparser decodes what is declared, and reads undeclared 8-bit text as Latin-1: Cyrillic or
 * Chinese text from a mailer that labels nothing became a row of accented letters. The guess is
 * chardet's (a port of Mozilla's universal detector), taken only where it is confident; the
 * exact cases need no guess: ISO-2022-JP shows its escape sequences, UTF-8 is valid or not.
 */
import { isUtf8 } from 'node:buffer';

import { analyse } from 'chardet';

import { hasEightBit } from './charset';

// Labels that say "Western European, one byte a letter": mailers write them by default, also
// over bytes in another charset. Any other declared label is trusted.
const LATIN_DEFAULT = /^(us-ascii|ascii|iso-8859-1|iso8859-1|latin1|windows-1252|cp1252)$/i;
// chardet's answers that read as Latin script: never a reason to change a Latin label.
const LATIN_GUESS = /^(iso-8859-(1|2|9|15)|windows-125[0248]|utf-8|utf-16|utf-32)/i;
// The first hundred kilobytes say which charset it is; detection costs time per byte.
export const SNIFF_BYTES = 64 * 1024;
// Below this chardet's guess for short text is noise (it calls "Grüße" Shift_JIS at 10).
const CONFIDENT = 50;

// In Cyrillic, Greek or CJK text nearly every letter is 8-bit; in Latin text few are.
const OTHER_SCRIPT_SHARE = 0.3;

/** 8-bit bytes among 8-bit bytes and ASCII letters. */
function eightBitShare(sample: Buffer): number {
  let high = 0;
  let letters = 0;
  for (const b of sample) {
    if (b >= 0x80) high++;
    else if ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a) letters++;
  }
  return high / Math.max(1, high + letters);
}

// ISO-2022-JP switches into JIS X 0208 with ESC $ B (or ESC $ @) and back with ESC ( B or ( J
// (RFC 1468): 7-bit text carrying them is Japanese whatever it declares.
// eslint-disable-next-line no-control-regex
const JIS_ESCAPE = /\x1b\$[B@]/;

/** A valid UTF-8 prefix check that forgives a sequence cut at the sample's end. */
function validUtf8(sample: Buffer, cut: boolean): boolean {
  if (isUtf8(sample)) return true;
  if (!cut) return false;
  for (let trim = 1; trim <= 3; trim++) if (isUtf8(sample.subarray(0, -trim))) return true;
  return false;
}

/**
 * The charset to read `sample` (transfer-decoded, at most SNIFF_BYTES of the part) in, or
 * undefined to keep the declared one. `declared` is the label, undefined when none.
 */
export function sniffCharset(
  sample: Buffer,
  declared: string | undefined,
  cut: boolean,
): string | undefined {
  const label = declared?.trim().toLowerCase();
  if (label && !LATIN_DEFAULT.test(label)) return undefined;
  if (!hasEightBit(sample)) {
    return label !== 'iso-2022-jp' && JIS_ESCAPE.test(sample.toString('latin1'))
      ? 'iso-2022-jp'
      : undefined;
  }
  if (validUtf8(sample, cut)) return 'utf-8';
  const best = analyse(sample)[0];
  if (!best || best.confidence < CONFIDENT) return undefined;
  if (LATIN_GUESS.test(best.name)) {
    // Undeclared Latin text is read as windows-1252 anyway; a Latin label stays.
    return label || /^iso-8859-1$/i.test(best.name) ? undefined : best.name.toLowerCase();
  }
  // Another script only where its letters make the text: a German text quoting two Chinese
  // quotation marks is still German, though chardet may call it GB18030.
  return eightBitShare(sample) >= OTHER_SCRIPT_SHARE ? best.name.toLowerCase() : undefined;
}
