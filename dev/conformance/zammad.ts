/**
 * Zammad's parser regression mails: from address and display name, to, cc, subject, attachments
 * (name, MIME type, size or md5; Zammad's own copy of the HTML part ignored) and the visible body.
 * Addresses compare case-insensitively because the service stores them lower-cased (Contacts'
 * Email column is unique in lower case); subjects compare trimmed because titles are trimmed.
 */
import { join } from 'node:path';

import { attachmentNames } from '../../lib/mail/attachmentName';
import { type ParsedMail, parseMail } from '../../lib/mail/parse';
import { type CorpusResult, lfDigest, readBytes, readJson, tally } from './corpus';
import { correction, meets } from './corrections';
import { collapse, visibleHtmlText } from './visibleText';

interface ExpectedAttachment {
  filename: string;
  size: number;
  md5: string;
  mime_type: string | null;
  zammad_generated_original_html?: boolean;
}

interface ZammadRow {
  box: string;
  from_email: string;
  from_display_name: string;
  to?: string;
  cc?: string;
  subject?: string;
  content_type: string;
  body: string;
  attachments: ExpectedAttachment[];
}

export type Fields = Record<string, unknown>;

const ADDRESS = /[^\s<>"',;:()[\]]+@[^\s<>"',;:()[\]]+/;

/**
 * Zammad keeps To and Cc as display strings; this reads the addresses out of them: per mailbox
 * the angle-addr when there is one, else a bare address. Comments (RFC 5322 §3.2.2) and quoted
 * display names are not addresses.
 */
function addressList(value: string | undefined): string[] {
  const out: string[] = [];
  for (const mailbox of (value ?? '').split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const angle = /<([^<>]*)>/.exec(mailbox)?.[1];
    const bare = mailbox.replace(/"[^"]*"|\([^()]*\)/g, ' ');
    const address = angle ?? ADDRESS.exec(bare)?.[0];
    if (address) out.push(address.trim().toLowerCase());
  }
  return out;
}

export interface Attachment {
  name: string;
  type: string | null;
  /** Size and md5 as received, and with CRLF line ends read as LF (see below). */
  sizes: number[];
  md5s: string[];
}

/**
 * The line ends of a 7bit/8bit part depend on how the mail file was stored (the corpus has both
 * CRLF and LF files) and Zammad stores such parts with LF: a size or md5 matches either form.
 */
function attachmentsAgree(expected: Attachment[], actual: Attachment[]): boolean {
  const left = [...actual];
  for (const e of expected) {
    const i = left.findIndex(
      (a) =>
        a.name === e.name &&
        (a.type ?? '').toLowerCase() === (e.type ?? '').toLowerCase() &&
        (a.sizes.some((n) => e.sizes.includes(n)) || a.md5s.some((m) => e.md5s.includes(m))),
    );
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return left.length === 0;
}

export function expectedFields(row: ZammadRow): Fields {
  return {
    from_email: row.from_email.toLowerCase(),
    from_display_name: row.from_display_name,
    to: addressList(row.to),
    cc: addressList(row.cc),
    subject: (row.subject ?? '').trim(),
    // Zammad writes this placeholder for a mail without a text body.
    body:
      row.body === 'no visible content'
        ? ''
        : row.content_type === 'text/html'
          ? visibleHtmlText(row.body)
          : collapse(row.body),
  };
}

export function expectedAttachments(row: ZammadRow): Attachment[] {
  return row.attachments
    .filter((a) => !a.zammad_generated_original_html)
    .map((a) => ({ name: a.filename, type: a.mime_type, sizes: [a.size], md5s: [a.md5] }));
}

export function actualFields(mail: ParsedMail): Fields {
  return {
    from_email: mail.from?.address ?? '',
    from_display_name: mail.from?.name ?? '',
    to: mail.to.map((a) => a.address),
    cc: mail.cc.map((a) => a.address),
    subject: mail.subject,
    body: mail.html ? visibleHtmlText(mail.html) : collapse(mail.text ?? ''),
  };
}

/** Parses with every attachment's LF-normalised size and md5 taken alongside. */
export async function parseWithAttachments(raw: Buffer): Promise<[ParsedMail, Attachment[]]> {
  const lf = new Map<string | undefined, { size: number; md5: string }>();
  const mail = await parseMail(raw, {
    onAttachment: async ({ info, content }) => {
      lf.set(info.partId, await lfDigest(content));
    },
  });
  const names = attachmentNames(mail.attachments);
  const attachments = mail.attachments.map((a, i) => {
    const alt = lf.get(a.partId);
    return {
      name: names[i] ?? '',
      type: a.declaredContentType ?? null,
      sizes: [a.size, ...(alt ? [alt.size] : [])],
      md5s: [a.checksum, ...(alt ? [alt.md5] : [])],
    };
  });
  return [mail, attachments];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The attachment set as `name|type|size` (size as received), sorted: what a correction pins. */
export function attachmentKeysOf(list: Attachment[]): string[] {
  return list.map((a) => `${a.name}|${a.type ?? ''}|${a.sizes[0] ?? ''}`).sort();
}

export async function runZammad(corpusDir: string): Promise<CorpusResult> {
  const dir = join(corpusDir, 'zammad');
  const rows = readJson<ZammadRow[]>(join(dir, 'expected.json'));
  const cases = [];
  for (const row of rows) {
    let mail: ParsedMail;
    let attachments: Attachment[];
    try {
      [mail, attachments] = await parseWithAttachments(readBytes(join(dir, 'mail', row.box)));
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'error';
      cases.push({ file: row.box, ok: false, rawOk: false, corrected: false, why: code });
      continue;
    }
    const expected = expectedFields(row);
    const actual = actualFields(mail);
    const raw = Object.keys(expected).filter((k) => !same(expected[k], actual[k]));
    if (!attachmentsAgree(expectedAttachments(row), attachments)) raw.push('attachments');
    let corrected = false;
    const wrong = raw.filter((k) => {
      const fix = correction('zammad', row.box, k);
      if (!fix) return true;
      corrected = true;
      return !meets(fix, k === 'attachments' ? attachmentKeysOf(attachments) : actual[k]);
    });
    const why = wrong.join(',');
    cases.push({ file: row.box, ok: !wrong.length, rawOk: !raw.length, corrected, why });
  }
  return tally('zammad', cases);
}
