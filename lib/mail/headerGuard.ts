/**
 * Bounds on what one header section may ask of the parser, checked before mailparser sees it: at
 * the door (400) and before a parse (PermanentError). Within the 256 KiB header limit mailparser's
 * work still grows with the number of fields (it decodes each one and copies a list-valued field's
 * list on every repeat: 20,000 `To:` fields took 2.5 s) and with the bytes of the fields it parses
 * into structures (nodemailer's addressparser makes an object of every character it reads: 256 KiB
 * of `g:a@b;` took 3 s; libmime's parameter parser, run three times on a Content-Type, took 0.9 s
 * for 10,000 parameters; all measured on a busy 2-core machine). The costliest mails within both
 * bounds take the door and the parse about 0.3 s of CPU each.
 */
import { PermanentError } from '../errors';

// 1,000 fields. Real mail carries 20 to 150: each relay adds a Received (Postfix refuses a mail
// past its hopcount_limit of 50 of them) and Exchange Online adds about 60 X-MS-*, ARC and DKIM
// fields. A thousand fields leave room for all of that; a thousand `To:` fields parse in 0.2 s.
export const MAX_HEADER_FIELDS = 1000;

// 32 KiB of address and parameter fields in one header section: about 500 recipients written out
// with display names, Exchange Online's default limit for one mail; a real Content-Type or
// Content-Disposition needs a few KiB at most (a long file name in RFC 2231 form). The costliest
// shape found within it, 5,000 groups (`g:a@b;`), costs the door 0.2 s and the parse 0.35 s.
export const MAX_STRUCTURED_BYTES = 32 * 1024;

// The fields mailparser parses into structures (mailparser 3.9 processHeaders): address lists
// (List-* too) and parameter lists; and X-Original-To, which the door reads as addresses.
const STRUCTURED_FIELD =
  /^(?:from|to|cc|bcc|sender|reply-to|delivered-to|x-original-to|return-path|disposition-notification-to|list-.*|content-type|content-disposition|dkim-signature)$/i;

export type HeaderLimitCode = 'mail-too-many-header-fields' | 'mail-structured-fields-too-large';

export interface HeaderProblem {
  code: HeaderLimitCode;
  /** A short answer for the relay, without mail content. */
  reason: string;
}

/** Whole fields of a header section (a field and its folded continuation lines), in order. */
export function splitFields(section: string): string[] {
  return section === '' ? [] : section.split(/\r?\n(?![ \t])/);
}

/** The first bound a header section breaks, given its fields as `splitFields` returns them. */
export function headerProblem(fields: readonly string[]): HeaderProblem | undefined {
  if (fields.length > MAX_HEADER_FIELDS) {
    return {
      code: 'mail-too-many-header-fields',
      reason: `more than ${MAX_HEADER_FIELDS} header fields`,
    };
  }
  let structuredBytes = 0;
  for (const field of fields) {
    const colon = field.indexOf(':');
    if (colon > 0 && STRUCTURED_FIELD.test(field.slice(0, colon).trim())) {
      structuredBytes += field.length - colon - 1;
    }
  }
  if (structuredBytes > MAX_STRUCTURED_BYTES) {
    return {
      code: 'mail-structured-fields-too-large',
      reason: `address and parameter fields larger than ${MAX_STRUCTURED_BYTES} bytes`,
    };
  }
  return undefined;
}

/** The parse's answer to a header section over a bound: refused for good, not retried. */
export function refusal(problem: HeaderProblem): PermanentError {
  return new PermanentError(problem.code, `the mail has ${problem.reason}`);
}

/**
 * The root header section of a raw mail checked before it is parsed; the first `maxHeaderBytes`
 * hold all of it, or the parser refuses the mail anyway (mail-header-too-large). The sections of
 * the parts are checked as the structure watch meets them (structure.ts).
 */
export function refuseRootHeaders(raw: Buffer, maxHeaderBytes: number): PermanentError | undefined {
  const head = raw.subarray(0, maxHeaderBytes).toString('latin1');
  const problem = headerProblem(splitFields(head.slice(0, rootHeaderEnd(head)?.end)));
  return problem && refusal(problem);
}

/**
 * Where the root header section ends in `head` (a mail's first bytes as latin1, one character a
 * byte): the start of its closing blank line and the start of the body; none when `head` holds no
 * blank line.
 */
export function rootHeaderEnd(head: string): { end: number; body: number } | undefined {
  const blank = /\r?\n\r?\n/.exec(head);
  return blank ? { end: blank.index, body: blank.index + blank[0].length } : undefined;
}
