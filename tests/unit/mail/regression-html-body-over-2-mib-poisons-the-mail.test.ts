/**
 * A reply with a few pasted screenshots (data: URLs) has an HTML body over 2 MiB. mailparser
 * refused to convert such a body to text and reported an error, and the whole mail went to the
 * poison queue as `mail-unparseable`: no ticket at all. The body is now cut to what a ticket can
 * hold (the mail itself is kept whole as original.eml).
 */
import { parseMail } from '../../../lib/mail/parse';
import { ticketBody } from '../../../lib/mail/ticketFields';
import { MAX_RICH_TEXT as MAX_BODY } from '../../../lib/sharepoint/schema';
import { crlf } from './fixtures';

/** A 3 MB HTML mail: a paragraph, then base64 PNG screenshots, then a closing line. */
function screenshotsMail(encoding: '8bit' | 'base64'): Buffer {
  const shot = `<img src="data:image/png;base64,${'iVBORw0KGgo'.repeat(60_000)}">`;
  const html = `<html><body><p>The printer shows this:</p>${shot.repeat(5)}<p>Thanks</p></body></html>`;
  const body =
    encoding === 'base64'
      ? Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\r\n')
      : html.replace(/.{900}/g, '$&\r\n');
  return crlf(
    'From: Requester <requester@example.com>',
    'To: support@contoso.com',
    'Subject: Printer',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    `Content-Transfer-Encoding: ${encoding}`,
    '',
    body,
  );
}

describe('an HTML body over 2 MiB', () => {
  it.each(['8bit', 'base64'] as const)(
    'when it arrives %s-encoded, then the mail parses and the ticket body is cut with a note',
    async (encoding) => {
      const raw = screenshotsMail(encoding);
      expect(raw.length).toBeGreaterThan(3 * 1024 * 1024);
      const mail = await parseMail(raw);
      expect(mail.html).toContain('The printer shows this:');
      const body = ticketBody(mail);
      expect(body.length).toBeLessThanOrEqual(MAX_BODY);
      expect(body).toContain('The printer shows this:');
      expect(body).toContain('[Message truncated');
    },
  );
});
