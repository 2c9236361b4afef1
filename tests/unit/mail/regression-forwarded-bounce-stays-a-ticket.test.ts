// A person forwards a bounce to the helpdesk asking why their mail did not arrive (sisimai's
// lhost-sendmail-14 is one): that is a support request, not a bounce to drop.
import { classify } from '../../../lib/mail/classify';
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

it('when a person forwards a sendmail bounce, then it is normal mail', async () => {
  const raw = crlf(
    'From: "Nyanko" <nyanko@example.jp>',
    'Subject: Fwd: Returned mail: see transcript for details',
    '',
    'Why did this bounce?',
    '',
    'Begin forwarded message:',
    '',
    '> From: Mail Delivery Subsystem <MAILER-DAEMON>',
    '>    ----- The following addresses had permanent fatal errors -----',
    '> <kijitora@example.com>',
  );
  expect(classify(await parseMail(raw), { ownAddresses: ['support@contoso.com'] }).kind).toBe(
    'normal',
  );
});
