/**
 * Expectations of the corpora this project disagrees with, each with the reason (README.md, "Conformance on real-world mail"
 * explains every case at length). A corrected case is still checked: it passes only when the code
 * produces the value this project holds right. That value is pinned either plainly (verdicts,
 * empty values) or, where it is corpus content (names, subjects, bodies, file names), as the
 * SHA-256 of its JSON form, so no corpus content is copied into this repository. `--raw` ignores
 * this list and judges every case by the upstream expectation.
 */
import { createHash } from 'node:crypto';

type Corpus = 'zammad' | 'sisimai' | 'flufl' | 'reply';

export interface Correction {
  corpus: Corpus;
  file: string;
  field: string;
  /** The value held right, when it is not corpus content. */
  expected?: unknown;
  /** Else the SHA-256 of JSON.stringify(value held right). */
  sha256?: string;
  reason: string;
}

const z = (file: string, field: string, sha256: string, reason: string): Correction => ({
  corpus: 'zammad',
  file,
  field,
  sha256,
  reason,
});

const NO_ADDRESS = 'the From header holds no usable address; Zammad keeps the junk as the address';
const NO_AUTHOR = 'From holds no address, and Reply-To names no author; Zammad takes Reply-To';

export const CORRECTIONS: Correction[] = [
  // zammad
  { corpus: 'zammad', file: 'mail016.box', field: 'from_email', expected: '', reason: NO_AUTHOR },
  { corpus: 'zammad', file: 'mail019.box', field: 'from_email', expected: '', reason: NO_AUTHOR },
  z(
    'mail018.box',
    'subject',
    '8a110ec337a66a1419bc7ae051e1d55c99977973156bea6a8dcd984d76f31c1e',
    'UTF-7 encoded word decoded; Zammad leaves "+ANw-" undecoded',
  ),
  z(
    'mail018.box',
    'body',
    '5fc4bb8f67ef9212b71d400f72f01a705108e2a61fcad2b8dc5641f238ea75e1',
    'UTF-7 body decoded; Zammad leaves it undecoded',
  ),
  z(
    'mail035.box',
    'from_email',
    'a73ce9c813ef3264b671f4ae15f43e0943b123ca635285ce2a244a65a809b26c',
    'a quoted address is the address; Zammad keeps the quotes in it',
  ),
  z(
    'mail062.box',
    'body',
    '9a2bb8f42073b0cac0795f49962ef69c9f9c43e17a2356731786152d43895ab0',
    'inline text/html parts after the first are shown in the body (RFC 2183: no disposition, shown inline); Zammad turns them into files',
  ),
  z(
    'mail062.box',
    'attachments',
    '5678ca6f3162f5dd72d83bb61df3592bc1ee670fd93972a9f8035bbe575fde7d',
    'no files for inline text parts; names unique ignoring case, as SharePoint compares them',
  ),
  z(
    'mail064.box',
    'attachments',
    'f1e2bf99abd2bafe11bdd7316f05184fd9f2583becb94154333f843cdd2c3498',
    'windows-1258 has combining accents at 0xCC/0xEC; Zammad reads them as windows-1252 letters',
  ),
  z(
    'mail065.box',
    'from_display_name',
    'b22d465c6ee8bc5f33ec942f34fe1bc988bc4b0fb15afdc73b1cd810a3e50749',
    'an encoded word with a comma is one display name; Zammad splits it at the comma',
  ),
  { corpus: 'zammad', file: 'mail071.box', field: 'from_email', expected: '', reason: NO_ADDRESS },
  {
    corpus: 'zammad',
    file: 'mail071.box',
    field: 'from_display_name',
    expected: '',
    reason: NO_ADDRESS,
  },
  z(
    'mail072.box',
    'body',
    '68fabb28e89d366cbae8d1ace875e288952c2fc5244b4553475f2fed3ada1a7a',
    'windows-1258 decoded as declared; Zammad decodes as windows-1250',
  ),
  z(
    'mail073.box',
    'attachments',
    '09b3444fd3d07db6cf6bca50da0325aa770951a3fef455b6621e9a6ca0b41077',
    'an RFC 2231 name labelled us-ascii with a Latin-1 byte keeps the letter; Zammad writes U+FFFD',
  ),
  { corpus: 'zammad', file: 'mail076.box', field: 'from_email', expected: '', reason: NO_ADDRESS },
  {
    corpus: 'zammad',
    file: 'mail076.box',
    field: 'from_display_name',
    expected: '',
    reason: NO_ADDRESS,
  },
  z(
    'mail085.box',
    'body',
    '83a3ecbb2dfa0e0f5ba99b9332823c7dde592aca692b403dbb26364d6e1ee19b',
    "Apple Mail's second inline HTML part is shown in the body; Zammad turns it into a file",
  ),
  {
    corpus: 'zammad',
    file: 'mail085.box',
    field: 'attachments',
    expected: [],
    reason: 'no file for an inline text part',
  },
  z(
    'mail087.box',
    'from_email',
    'cce878759375b6479cdf7131305e30163e3decec0da61df6840dafa3a747f3f2',
    'the address in `From: Name addr`; Zammad keeps name and address as the address',
  ),
  z(
    'mail087.box',
    'from_display_name',
    'e966f1ec9b8ced6e41b3132f63bfc164ff86f5bf2b49ea73feb6254728292852',
    'the name in `From: Name addr`',
  ),
  z(
    'mail087.box',
    'body',
    '861b4f308225cb6467deb9dea8df67eb462fe34a6d52e60fac74599fb8430843',
    'a part without Content-Type is text/plain (RFC 2045 §5.2) and is the body; Zammad files it as "file"',
  ),
  z(
    'mail087.box',
    'attachments',
    '19be49a6211ea4611e2e1b1cf2098f718c533b9c0ae6ed6231f451377baba95a',
    'the untyped text part is the body, not a file',
  ),
  z(
    'mail102.box',
    'attachments',
    'bd571d6c9effc0b6244ff1b58a4076c3628b12ab56f6c31d954bbdb1d36b01e6',
    'a duplicate name gets " 1" before the extension as Graph\'s rename does; Zammad inserts "1" after the first dot, inside the time',
  ),
  // sisimai
  {
    corpus: 'sisimai',
    file: 'set-of-emails/maildir/bsd/lhost-sendmail-14.eml',
    field: 'verdict',
    expected: 'normal',
    reason:
      'a person forwarding a bounce ("Fwd: Returned mail") to the helpdesk is asking for help: a ticket',
  },
];

let enabled = true;

export function useCorrections(on: boolean): void {
  enabled = on;
}

export function correction(corpus: Corpus, file: string, field: string): Correction | undefined {
  if (!enabled) return undefined;
  return CORRECTIONS.find((c) => c.corpus === corpus && c.file === file && c.field === field);
}

export function sha256Of(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** Whether `actual` is the value a correction holds right. */
export function meets(fix: Correction, actual: unknown): boolean {
  return fix.sha256 !== undefined
    ? sha256Of(actual) === fix.sha256
    : JSON.stringify(actual) === JSON.stringify(fix.expected);
}
