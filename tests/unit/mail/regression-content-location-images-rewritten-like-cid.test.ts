// An HTML body may name its images by Content-Location (RFC 2557) instead of cid:. Those
// images were uploaded but the body kept its reference: a relative src was dropped by the
// sanitiser and an absolute one loaded from the sender's server.
import { planFiles } from '../../../lib/pipeline/filePlan';
import { referencedCids, rewriteCidImages } from '../../../lib/mail/inlineImages';
import { parseMail } from '../../../lib/mail/parse';
import { crlf } from './fixtures';

const FILE_URL = 'https://contoso.sharepoint.com/sites/helpdesk/Ticket%20Attachments/7/logo.png';

it('when an image is referenced by Content-Location, then it is rewritten like a cid: one', async () => {
  const raw = crlf(
    'From: a@example.com',
    'Content-Type: multipart/related; boundary="r"',
    '',
    '--r',
    'Content-Type: text/html',
    '',
    '<p>Logo: <img src="image001.png"> and <img src="http://example.com/a?x=1&amp;y=2"></p>',
    '--r',
    'Content-Type: image/png',
    'Content-Location: image001.png',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('PNG1').toString('base64'),
    '--r',
    'Content-Type: image/png',
    'Content-Location: http://example.com/a?x=1&y=2',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('PNG2').toString('base64'),
    '--r--',
    '',
  );
  const mail = await parseMail(raw);
  const plan = planFiles(mail.attachments, { ticketId: '7' });
  const wanted = referencedCids(mail.html);
  expect(plan.map((f) => f.cid !== undefined && wanted.has(f.cid))).toEqual([true, true]);
  const urls = new Map(plan.map((f) => [f.cid ?? '', FILE_URL]));
  const body = rewriteCidImages(mail.html ?? '', urls) ?? '';
  expect(body.match(/<img[^>]*>/g)).toEqual([
    `<img src="${FILE_URL}" />`,
    `<img src="${FILE_URL}" />`,
  ]);
});
