/**
 * Limits on the MIME structure of one mail. The size of the whole mail is capped at the door (413);
 * these bound what a mail within that size can make the parser do. A mail over any of them is
 * rejected with a PermanentError (poison queue, logged by code) rather than processed in part: a
 * ticket that silently lacks some attachments is worse than a mail an operator can see was refused,
 * and mail this shaped is hostile (Postfix refuses it at SMTP time with the defaults below).
 */
import { PermanentError } from '../errors';
import { MAX_HEADER_BYTES } from './envelope';

export interface MailLimits {
  /** Nesting levels of MIME parts, the root counting as 1. */
  maxDepth: number;
  /** MIME parts in the whole tree, containers included. */
  maxParts: number;
  /** Bytes in the header section of any one part. */
  maxHeaderBytes: number;
}

export const DEFAULT_LIMITS: Readonly<MailLimits> = Object.freeze({
  // Postfix's mime_nesting_limit default is 100; real mail rarely nests beyond 6 (a forwarded
  // signed mail with inline images), and 30-level trees still pass with room to spare.
  maxDepth: 100,
  // mailsplit's own default ceiling (maxChildNodes). 200 attachments plus their multipart
  // containers fit; each part may cost a Graph upload, so this also bounds one mail's work.
  maxParts: 1000,
  // Exchange Online's header limit, and the bound the inbound door already applies to the root.
  maxHeaderBytes: MAX_HEADER_BYTES,
});

/**
 * Fills and validates limits. A limit of 0, NaN or a fraction is a programming error, not a way
 * to switch a limit off (the `opts.max || DEFAULT` trap), so it throws at once.
 */
export function resolveLimits(given: Partial<MailLimits> = {}): MailLimits {
  const limits = { ...DEFAULT_LIMITS, ...given };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`mail limit ${key} must be a positive integer, got ${String(value)}`);
    }
  }
  return limits;
}

export type LimitCode = 'mail-too-deep' | 'mail-too-many-parts' | 'mail-header-too-large';

export function limitExceeded(code: LimitCode, limit: number): PermanentError {
  return new PermanentError(code, `the mail exceeds a MIME limit (${code}: ${limit})`);
}

/** mailsplit reports its own size guards as EMAXLEN errors; name them like ours. */
export function fromSplitterError(err: unknown, limits: MailLimits): PermanentError | undefined {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || e.code !== 'EMAXLEN' || typeof e.message !== 'string') return undefined;
  return /header/i.test(e.message)
    ? limitExceeded('mail-header-too-large', limits.maxHeaderBytes)
    : limitExceeded('mail-too-many-parts', limits.maxParts);
}
