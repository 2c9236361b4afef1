/**
 * `From: undisclosed-recipients:;` with `Reply-To: <requester>` counted as the requester: the mail
 * wrote into the requester's tickets, and 20 of them used up the requester's burst window. The
 * author is who From (or Sender) names; a mail naming nobody there is refused as 'no-sender'.
 */
import { isPermanent } from '../../../lib/errors';
import { parseMail } from '../../../lib/mail/parse';
import type { PipelineDeps } from '../../../lib/pipeline/stage';
import { parse } from '../../../lib/pipeline/stages/parse';
import { crlf } from './fixtures';

const forged = crlf(
  'From: undisclosed-recipients:;',
  'Reply-To: <ann@example.com>',
  'To: support@contoso.com',
  'Subject: urgent',
  '',
  'hello',
);

describe('a mail whose From names nobody', () => {
  it('when only Reply-To names the requester, then the mail has no author', async () => {
    const mail = await parseMail(forged);
    expect(mail.from).toBeUndefined();
    expect(mail.replyTo.map((a) => a.address)).toEqual(['ann@example.com']);
  });

  it('when it reaches the pipeline, then it is refused as no-sender before any burst count', async () => {
    const refused = await parse.run(forged, {} as PipelineDeps).catch((err: unknown) => err);
    expect(isPermanent(refused)).toBe(true);
    expect(refused).toMatchObject({ code: 'no-sender' });
  });
});
