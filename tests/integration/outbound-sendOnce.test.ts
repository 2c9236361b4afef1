/**
 * Sending at most once and sending large mail, against the simulated Exchange with the real
 * Graph client: a second sendOnce of a Message-ID finds the first in Sent Items and sends nothing;
 * a mail with a file too large for one request goes as a draft whose file is uploaded in
 * fragments by upload session, reaches the requester whole under its own Message-ID, and is found
 * in Sent Items like any other; from a mailbox that may not send, nothing reaches the requester.
 */
import { createHash } from 'node:crypto';

import { parseMail } from '../../lib/mail/parse';
import { MailSendAccessError, composeMail, findSent } from '../../lib/outbound';
import { sendLarge, sendOnce } from '../../lib/outbound/sendOnce';
import { NOT_SENDING as NO_SEND, SENDING as SUPPORT, delivered, sendingWorld } from './outboundSim';

const world = sendingWorld();

const deliveredAs = async (messageId: string) =>
  (await delivered(world.sim())).filter((m) => m.internetMessageId === messageId);

const aMail = (from: string, messageId: string) =>
  composeMail({
    from: { address: from },
    to: [{ address: 'ada@customer.example', name: 'Ada' }],
    subject: 'Re: [#42] Printer on fire',
    html: '<p>See the scan.</p>',
    inReplyTo: '<q1@customer.example>',
    references: ['<q1@customer.example>'],
    attachments: [{ filename: 'note.txt', content: Buffer.from('small') }],
    messageId,
  });

// Seeded bytes: the same file every run.
function scan(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0, x = 7; i < size; i++) bytes[i] = x = (x * 1103515245 + 12345) & 0xff;
  return bytes;
}

describe('sendOnce', () => {
  it('when a Message-ID was sent already, then the second attempt finds it and sends nothing', async () => {
    const mail = await aMail(SUPPORT, '<once.1@contoso.com>');
    expect(await sendOnce(world.exchange(), SUPPORT, mail)).toBe('sent');
    expect(await sendOnce(world.exchange(), SUPPORT, mail)).toBe('already-sent');
    expect(await deliveredAs('<once.1@contoso.com>')).toHaveLength(1);
  });
});

describe('sendLarge', () => {
  it('when a file is too large for one request, then it goes up by upload session and the requester gets it whole', async () => {
    const big = scan(3.5 * 1024 * 1024);
    const mail = await aMail(SUPPORT, '<large.1@contoso.com>');

    const { requests } = await world
      .sim()
      .counted(() =>
        sendLarge(world.exchange(), SUPPORT, mail.raw, [{ filename: 'scan.pdf', content: big }]),
      );

    // Draft, session, two fragments (3.125 MiB each at most), send.
    expect(requests).toBe(5);
    const [sent] = await deliveredAs('<large.1@contoso.com>');
    expect(sent?.to).toEqual(['ada@customer.example']);
    const got = await parseMail(Buffer.from(sent?.raw ?? '', 'base64'));
    expect(got).toMatchObject({
      messageId: '<large.1@contoso.com>',
      inReplyTo: '<q1@customer.example>',
      subject: 'Re: [#42] Printer on fire',
    });
    expect(got.attachments.map((a) => a.filename).sort()).toEqual(['note.txt', 'scan.pdf']);
    const file = got.attachments.find((a) => a.filename === 'scan.pdf');
    // mailparser's checksum is the MD5 of the decoded content.
    expect(file).toMatchObject({
      size: big.length,
      checksum: createHash('md5').update(big).digest('hex'),
    });
    expect(await findSent(world.exchange(), SUPPORT, '<large.1@contoso.com>')).toEqual(
      expect.any(String),
    );
  });

  it('when the mailbox may not send, then the refusal names Mail.Send and nothing reaches the requester', async () => {
    const mail = await aMail(NO_SEND, '<large.2@contoso.com>');
    const err = await sendLarge(world.exchange(), NO_SEND, mail.raw, [
      { filename: 'scan.pdf', content: scan(3.1 * 1024 * 1024) },
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailSendAccessError);
    expect((err as Error).message).toContain('Mail.Send');
    expect(await deliveredAs('<large.2@contoso.com>')).toEqual([]);
  });
});
