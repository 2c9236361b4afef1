/**
 * The fuzzer's seeds: the mails of the shared test corpus (read where it lies, beside the
 * repository, never copied into it), samples/, and the hostile shapes the library was hardened
 * against (tests/unit/mail/hostileHeaders.ts, and the HTML and text bodies that once made the
 * reply cutters quadratic, here at a size the linear code handles in milliseconds; mails of
 * many same-named attachments, whose numbering was quadratic).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { hostileHeaders } from '../../tests/unit/mail/hostileHeaders';

export interface Seeds {
  mails: Buffer[];
  /** Mails built to be costly, run first and unchanged, and mutated like the others. */
  hostile: { desc: string; raw: Buffer }[];
  /** Bodies handed to the reply cutters and the sanitiser directly. */
  bodies: Buffer[];
  /** False when the corpus folder is missing and only samples/ and the hostile shapes seed. */
  corpus: boolean;
}

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const SAMPLES = join(__dirname, '..', '..', 'samples');
const MAIL_FILE = /\.(?:eml|box|txt|msg)$/i;
// A case copies its seed a few times; bigger corpus mails would make every such case slow.
const MAX_SEED_BYTES = 512 * 1024;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => MAIL_FILE.test(f) && statSync(f).size <= MAX_SEED_BYTES)
    .sort();
}

const OUTLOOK_CUT = '<div id="divRplyFwdMsg"><b>From:</b> Support</div><div>old</div>';
const GMAIL_QUOTE = '<div class="gmail_quote">On Mon, A wrote:<blockquote>old</blockquote></div>';

/** The hostile reply bodies, scaled to about 100 KB. */
const HOSTILE_BODIES: string[] = [
  `<p>Thanks</p>${'<hr>'.repeat(25_000)}${OUTLOOK_CUT}`,
  `<p>Thanks</p><div ${'id=appendonsend '.repeat(6_000)}<hr>${OUTLOOK_CUT}`,
  '<a'.repeat(50_000),
  `<${'w6TD'.repeat(25_000)}`,
  '<!--'.repeat(25_000),
  `${'<div'.repeat(25_000)}${OUTLOOK_CUT}`,
  `${' '.repeat(800)}${GMAIL_QUOTE}`,
  `${'<blockquote>'.repeat(5_000)}x`,
  `<img alt=" src='cid:x'" src="cid:x"><p style="color:expression(alert(1))">\u202Ex</p>`,
  `On Monday wrote${' '.repeat(100_000)}:`,
  `${'x@'.repeat(50_000)}:`,
  `${'> '.repeat(20_000)}\n${'>\n'.repeat(20_000)}`,
];

/** A mail of `count` attachment parts named by `name(i)`; 1,000 parts is a mail's limit. */
function attachments(count: number, name: (i: number) => string): Buffer {
  const part = (i: number): string =>
    `--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="${name(i)}"\r\n\r\nx\r\n`;
  const head = 'From: a@example.com\r\nTo: support@contoso.com\r\nSubject: files\r\n';
  const body = Array.from({ length: count }, (_, i) => part(i)).join('');
  return Buffer.from(`${head}Content-Type: multipart/mixed; boundary="b"\r\n\r\n${body}--b--\r\n`);
}

const HOSTILE_MAILS = [
  { desc: '998 attachments of one name', raw: attachments(998, () => `${'x'.repeat(100)}.pdf`) },
  {
    desc: '998 attachments of one name in changing case',
    raw: attachments(998, (i) =>
      `${i.toString(2).replace(/0/g, 'a').replace(/1/g, 'A')}.pdf`.padStart(20, 'a'),
    ),
  },
];

export function loadSeeds(): Seeds {
  const corpus = files(CORPUS);
  const mails: Buffer[] = [...corpus, ...files(SAMPLES)].map((f) => readFileSync(f));
  const hostile = [...hostileHeaders, ...HOSTILE_MAILS];
  mails.push(...hostile.map((h) => h.raw));
  const bodies = HOSTILE_BODIES.map((b) => Buffer.from(b));
  return { mails, hostile, bodies, corpus: corpus.length > 0 };
}
