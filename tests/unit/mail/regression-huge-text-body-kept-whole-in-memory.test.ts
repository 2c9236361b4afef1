/**
 * mailparser keeps every inline text part whole and rewrites it several times: a 30 MB
 * text/plain mail of one-character lines raised the host's peak RSS by 2.3 GB and cost 45 s of
 * CPU. Only a bounded part of each inline text is kept now (a ticket shows 63,999 characters;
 * the mail stays whole in original.eml). Attachments, text ones included, are never cut.
 * Memory itself is measured by `npm run bench:hostile`; here the cap and its edges.
 */
import { parseMail } from '../../../lib/mail/parse';
import { MAX_TEXT_PART_BYTES } from '../../../lib/mail/textCap';
import { ticketBody } from '../../../lib/mail/ticketFields';
import { MAX_RICH_TEXT as MAX_BODY } from '../../../lib/sharepoint/schema';
import { crlf } from './fixtures';

const LINES = 'a\r\n'.repeat((4 * 1024 * 1024) / 3); // 4 MB of one-character lines

function textMail(...body: string[]): Buffer {
  return crlf(
    'From: Requester <requester@example.com>',
    'To: support@contoso.com',
    'Subject: Log',
    'MIME-Version: 1.0',
    ...body,
  );
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

describe('a huge inline text body', () => {
  it('when it is 4 MB of one-character lines, then only a bounded part is kept and the ticket says it is cut', async () => {
    const started = cpuSeconds();
    const mail = await parseMail(textMail('Content-Type: text/plain; charset=utf-8', '', LINES));
    expect(mail.text?.length).toBeLessThanOrEqual(MAX_TEXT_PART_BYTES);
    expect(mail.text?.startsWith('a\na\n')).toBe(true);
    const body = ticketBody(mail);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body).toContain('[Message truncated');
    expect(cpuSeconds() - started).toBeLessThan(10);
  });

  it('when a text and an HTML alternative are both huge, then both keep their beginning', async () => {
    const mail = await parseMail(
      textMail(
        'Content-Type: multipart/alternative; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `plain ${LINES}`,
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        `<p>html</p>${'<br>\r\n'.repeat(1_000_000)}`,
        '--b--',
      ),
    );
    expect(mail.text?.startsWith('plain a\n')).toBe(true);
    expect(mail.html?.startsWith('<p>html</p><br>')).toBe(true);
    expect(mail.html?.length).toBeLessThanOrEqual(MAX_TEXT_PART_BYTES);
  });

  it('when a text file is attached, then it is kept whole however large', async () => {
    const sizes: number[] = [];
    const mail = await parseMail(
      textMail(
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'see the log',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Disposition: attachment; filename="log.txt"',
        '',
        LINES,
        '--b--',
      ),
      {
        onAttachment: async ({ content }) => {
          let size = 0;
          for await (const chunk of content) size += (chunk as Buffer).length;
          sizes.push(size);
        },
      },
    );
    expect(mail.text?.trim()).toBe('see the log');
    expect(sizes).toEqual([LINES.length]);
  });
});
