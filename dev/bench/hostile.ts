/**
 * `npm run bench:hostile`: what crafted mails cost the library, each case processed as the
 * pipeline does it (the door's header look, or parseMail with attachments drained and then the
 * ticket or comment body) in a fresh child process, so that its peak RSS (maxRSS, a high-water
 * mark that never falls) and its CPU time are its own. Prints one line per case and checks the
 * bounds of the hostile-mail work, exiting non-zero when one fails:
 *  - a header section of up to 256 KiB is accepted or refused at the door, and parsed or
 *    refused, in under 1 s;
 *  - a reply is cut in under 0.5 s;
 *  - a 30 MB mail of any shape costs under 500 MB of peak RSS and under 10 s of CPU.
 * No local stack is needed: only lib/ code runs.
 */
import { fork } from 'node:child_process';

import { readHeaderSection } from '../../lib/mail/envelope';
import { parseMail } from '../../lib/mail/parse';
import { cutReplyHtml } from '../../lib/mail/replyHtml';
import { commentBody, ticketBody } from '../../lib/mail/ticketFields';

const MB = 1_000_000;
const HEAD = ['To: support@contoso.com', 'Subject: Hostile', 'MIME-Version: 1.0'];
const FROM = 'From: Requester <requester@example.com>';
const OUTLOOK_CUT = '<div id="divRplyFwdMsg"><b>From:</b> Support</div><div>old</div>';

/** A region of `bytes` bytes filled with `unit` repeated. */
type Part = string | { bytes: number; unit: string };

/** The mail in one Buffer, written in place: no transient copies to inflate the baseline. */
function assemble(parts: Part[]): Buffer {
  const sizes = parts.map((p) => (typeof p === 'string' ? Buffer.byteLength(p) : p.bytes));
  const out = Buffer.alloc(sizes.reduce((a, b) => a + b, 0));
  let at = 0;
  parts.forEach((p, i) => {
    const end = at + (sizes[i] ?? 0);
    if (typeof p === 'string') out.write(p, at);
    else out.fill(p.unit, at, end);
    at = end;
  });
  return out;
}

const head = (...lines: string[]): string => `${[...lines, ''].join('\r\n')}\r\n`;
const single = (type: string, encoding: string, body: Part): Buffer =>
  assemble([
    head(
      FROM,
      ...HEAD,
      `Content-Type: ${type}; charset=utf-8`,
      `Content-Transfer-Encoding: ${encoding}`,
    ),
    body,
  ]);
const replyHtml = (html: string): Buffer => single('text/html', '8bit', html);
const manyFields = (): Buffer =>
  assemble([head(FROM, ...HEAD, ...Array(22_000).fill('X: b')), 'hi']);
const nestedFrom = (): Buffer =>
  assemble([head(`From: ${'('.repeat(100_000)}a@example.com`, ...HEAD), 'hi']);

function screenshots(): Buffer {
  const shot = `<img src="data:image/png;base64,${'iVBORw0KGgo'.repeat(55_000)}">`;
  const html = `<p>The printer shows this:</p>${shot.repeat(5)}<p>Thanks</p>`;
  return single(
    'text/html',
    'base64',
    Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\r\n'),
  );
}

/** Beside a text part, HTML parts are converted to text too: each <hr> to a line of dashes. */
function htmlParts(): Buffer {
  const html = head('--b', 'Content-Type: text/html; charset=utf-8');
  return assemble([
    head(FROM, ...HEAD, 'Content-Type: multipart/mixed; boundary="b"'),
    head('--b', 'Content-Type: text/plain; charset=utf-8') + 'see below\r\n',
    ...[html, { bytes: 15 * MB, unit: '<hr>' }, '\r\n', html, { bytes: 15 * MB, unit: '<hr>' }],
    '\r\n--b--\r\n',
  ]);
}

function withAttachment(): Buffer {
  return assemble([
    head(FROM, ...HEAD, 'Content-Type: multipart/mixed; boundary="b"'),
    head('--b', 'Content-Type: text/plain; charset=utf-8'),
    { bytes: 2 * MB, unit: 'see the attached disk image\r\n' },
    '\r\n',
    head(
      '--b',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename="disk.img"',
      'Content-Transfer-Encoding: base64',
    ),
    { bytes: 28 * MB, unit: `${'QUFB'.repeat(19)}\r\n` },
    '\r\n--b--\r\n',
  ]);
}

type Kind = 'door' | 'parse' | 'ticket' | 'reply';
interface Case {
  name: string;
  kind: Kind;
  build: () => Buffer;
}

const CASES: Case[] = [
  { name: '22,000 "X: b" header fields, door', kind: 'door', build: manyFields },
  { name: '22,000 "X: b" header fields, parse', kind: 'parse', build: manyFields },
  { name: 'From with 100,000 "(", door', kind: 'door', build: nestedFrom },
  { name: 'From with 100,000 "(", parse', kind: 'parse', build: nestedFrom },
  {
    name: '750 KB reply, <hr> before an Outlook cut',
    kind: 'reply',
    build: () => replyHtml(`<p>Thanks</p>${'<hr>'.repeat(187_500)}${OUTLOOK_CUT}`),
  },
  {
    name: '750 KB reply, one tag of appendonsend ids before the <hr>',
    kind: 'reply',
    build: () =>
      replyHtml(`<p>Thanks</p><div ${'id=appendonsend '.repeat(46_875)}<hr>${OUTLOOK_CUT}`),
  },
  {
    name: '30 MB text/plain of one-character lines',
    kind: 'ticket',
    build: () => single('text/plain', '7bit', { bytes: 30 * MB, unit: 'a\r\n' }),
  },
  {
    name: '32 MB broken quoted-printable (soft breaks)',
    kind: 'ticket',
    build: () => single('text/plain', 'quoted-printable', { bytes: 32 * MB, unit: 'a=\r\n' }),
  },
  {
    name: '32 MB broken quoted-printable (bad escapes)',
    kind: 'ticket',
    build: () =>
      single('text/plain', 'quoted-printable', { bytes: 32 * MB, unit: `${'=Z'.repeat(38)}\r\n` }),
  },
  { name: '3 MB HTML body of pasted screenshots', kind: 'ticket', build: screenshots },
  { name: '30 MB of <hr> in two HTML parts beside a text', kind: 'ticket', build: htmlParts },
  { name: '30 MB mail with a 28 MB attachment', kind: 'ticket', build: withAttachment },
];

interface Result {
  outcome: string;
  /** The bounded step: the door's look, the parse, the reply cut, or parse and body. */
  stepMs: number;
  cpuS: number;
  rssMb: number;
  mailMb: number;
}

async function run(c: Case): Promise<Result> {
  const raw = c.build();
  const baseKb = process.resourceUsage().maxRSS;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let stepMs = 0;
  let outcome = 'ok';
  try {
    if (c.kind === 'door') {
      const check = readHeaderSection(raw);
      if (!check.ok) outcome = `refused (${check.reason})`;
    } else {
      const mail = await parseMail(raw);
      if (c.kind === 'reply' && mail.html) {
        const cutStarted = performance.now();
        cutReplyHtml(mail.html);
        stepMs = performance.now() - cutStarted;
        commentBody(mail);
      } else if (c.kind === 'ticket') ticketBody(mail);
    }
  } catch (err) {
    outcome = `refused (${(err as { code?: string }).code ?? 'error'})`;
  }
  const { user, system } = process.cpuUsage(cpu);
  return {
    outcome,
    stepMs: stepMs || performance.now() - started,
    cpuS: (user + system) / 1e6,
    rssMb: (process.resourceUsage().maxRSS - baseKb) / 1024,
    mailMb: raw.length / MB,
  };
}

/** The bound a case's figures break, if any. */
function broken(c: Case, r: Result): string | undefined {
  if (c.kind === 'door' || c.kind === 'parse') return r.stepMs >= 1000 ? 'over 1 s' : undefined;
  if (c.kind === 'reply' && r.stepMs >= 500) return 'cut over 0.5 s';
  if (r.rssMb >= 500) return 'peak RSS rise over 500 MB';
  if (r.cpuS >= 10) return 'over 10 s of CPU';
  if (c.kind === 'ticket' && r.outcome !== 'ok') return 'no ticket';
  return undefined;
}

// Before the fixes some cases ran for minutes; a case this late has failed its bound anyway.
const CASE_TIMEOUT_MS = 180_000;

function inChild(index: number): Promise<Result | undefined> {
  return new Promise((resolve) => {
    const child = fork(__filename, [String(index)], { execArgv: ['--import', 'tsx'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), CASE_TIMEOUT_MS);
    let result: Result | undefined;
    child.on('message', (m) => (result = m as Result));
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(result);
    });
  });
}

async function main(): Promise<void> {
  let failed = 0;
  for (const [i, c] of CASES.entries()) {
    const r = await inChild(i);
    const problem = r ? broken(c, r) : `no answer within ${CASE_TIMEOUT_MS / 1000} s`;
    if (problem) failed++;
    const figures = r
      ? `${r.mailMb.toFixed(1)} MB mail, step ${r.stepMs.toFixed(0)} ms, CPU ${r.cpuS.toFixed(2)} s, peak RSS +${r.rssMb.toFixed(0)} MB, ${r.outcome}`
      : 'killed';
    console.log(
      `${problem ? 'FAIL' : 'ok  '} ${c.name}: ${figures}${problem ? ` (${problem})` : ''}`,
    );
  }
  console.log(failed ? `${failed} case(s) broke a bound` : 'all cases within their bounds');
  process.exitCode = failed ? 1 : 0;
}

const index = process.argv[2];
if (index === undefined) {
  void main();
} else {
  const c = CASES[Number(index)];
  if (c) void run(c).then((r) => process.send?.(r, () => process.exit(0)));
}
