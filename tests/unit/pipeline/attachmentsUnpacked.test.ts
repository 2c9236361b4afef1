// winmail.dat and attached .msg files are unpacked in both parses of a mail: the files stage
// uploads what the first parse named, from what the second streams, in the same order.
import { parseMail } from '../../../lib/mail/parse';
import { runPipeline } from '../../../lib/pipeline/runner';
import type { AuthoredMail } from '../../../lib/pipeline/stages/parse';
import { outlookMsg, tnef } from '../mail/containers';
import { type Ctx, filesPath } from './filesFlow';
import { aWorld, anAdmitted } from './stages/support';

const PDF = Buffer.from('%PDF-1.4 the contract');
const MSG = outlookMsg({
  subject: 'Signed',
  body: 'Signed copy attached.',
  files: [{ name: 'signed.pdf', content: PDF }],
});
const WINMAIL = tnef({ text: 'See the contract.' }, [
  { title: 'CONTRA~1.PDF', longName: 'Contract.pdf', mime: 'application/pdf', content: PDF },
  { title: 'Signed.msg', content: MSG },
]);

const RAW = Buffer.from(
  [
    'From: Ann <ann@example.com>',
    'To: support@contoso.com',
    'Subject: Contract',
    'Message-ID: <tnef-1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="m"',
    '',
    '--m',
    'Content-Type: application/ms-tnef; name="winmail.dat"',
    'Content-Transfer-Encoding: base64',
    '',
    WINMAIL.toString('base64'),
    '--m--',
    '',
  ].join('\r\n'),
);

it('when a mail carries winmail.dat, then the files inside it are in the ticket folder too', async () => {
  const w = aWorld();
  const mail = (await parseMail(RAW)) as AuthoredMail;
  const admitted = { ...anAdmitted(mail, w.site), raw: RAW };
  const requester = await w.site.ensureContact('ann@example.com', 'Ann');
  const ctx: Ctx = { admitted, requester };
  const result = await runPipeline(w.deps, filesPath(ctx));
  expect(result.outcome).toBe('ticket-created');
  const id = ctx.ticket?.id ?? '';
  const files = w.site.library.files;
  expect([...files.keys()]).toEqual(
    ['winmail.dat', 'Contract.pdf', 'Signed.msg', 'Signed.txt', 'signed.pdf', 'original.eml'].map(
      (name) => `${id}/${name}`,
    ),
  );
  expect(files.get(`${id}/winmail.dat`)?.equals(WINMAIL)).toBe(true);
  expect(files.get(`${id}/signed.pdf`)?.equals(PDF)).toBe(true);
  expect(w.site.tickets[0]?.body).toContain('See the contract.');
});
