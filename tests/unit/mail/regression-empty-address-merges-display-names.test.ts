// `From: "ACME Lighting, " <>, "LTD" <ly@example.com>` (Zammad corpus mail059): the address
// parser merged the empty mailbox's name into the next one ("ACME Lighting, LTD").
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

it('when From lists a mailbox with an empty address first, then the next keeps its own name', async () => {
  const mail = await parseMail(
    crlf('From: "ACME Lighting, " <>, "LTD" <ly@example.com>', 'Subject: x', '', 'hi'),
  );
  expect(mail.from).toEqual({ address: 'ly@example.com', name: 'LTD' });
});
