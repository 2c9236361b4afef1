// A relay appends a Latin-1 footer to a UTF-8 mail, or a mailer writes one stray byte (Zammad
// corpus mail022, format=flowed HTML): strict decoding showed U+FFFD where the letter was.
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

it('when a UTF-8 text part holds a Latin-1 byte, then the letter is kept', async () => {
  const raw = crlf(
    'From: a@example.com',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Gr=C3=BC=C3=9Fe, M=FCller',
  );
  expect((await parseMail(raw)).text?.trim()).toBe('Grüße, Müller');
});

it('when a flowed us-ascii HTML part holds a Latin-1 byte, then the letter is kept', async () => {
  const raw = crlf(
    'From: a@example.com',
    'Content-Type: text/html; charset=us-ascii; format=flowed',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<p>le=EE=20',
    'charlie</p>',
  );
  expect((await parseMail(raw)).html).toContain('leî charlie');
});
