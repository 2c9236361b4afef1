/**
 * Sending through the simulated Exchange with the real Graph client: a composed mail posted to
 * sendMail reaches the outside recipient with our Message-ID, threading headers, RFC 3834 marks
 * and its attachment; Sent Items finds it by that Message-ID (what a retry of a half-sent mail
 * asks first); a mailbox without Mail.Send refuses with a permanent error naming the permission.
 */
import { parseMail } from '../../lib/mail/parse';
import { MailSendAccessError, composeMail, findSent, sendMime } from '../../lib/outbound';
import { NOT_SENDING as NO_SEND, SENDING as SUPPORT, delivered, sendingWorld } from './outboundSim';

const world = sendingWorld();

describe('sending through the mailbox', () => {
  it('when a composed ack is sent, then the requester gets it whole and Sent Items finds it by its Message-ID', async () => {
    const { raw, messageId } = await composeMail({
      from: { address: SUPPORT, name: 'Support' },
      to: [{ address: 'ada@customer.example', name: 'Ada' }],
      cc: [{ address: 'bob@customer.example' }],
      subject: '[#42] Printer on fire',
      html: '<p>Ticket <b>#42</b> is open.</p>',
      inReplyTo: '<q1@customer.example>',
      references: ['<q0@customer.example>', '<q1@customer.example>'],
      autoSubmitted: true,
      attachments: [
        { filename: 'notes.txt', content: Buffer.from('n'), contentType: 'text/plain' },
      ],
    });
    await sendMime(world.exchange(), SUPPORT, raw);

    const sent = (await delivered(world.sim())).find((m) => m.internetMessageId === messageId);
    expect(sent).toMatchObject({ to: ['ada@customer.example'], cc: ['bob@customer.example'] });
    const got = await parseMail(Buffer.from(sent?.raw ?? '', 'base64'));
    expect(got).toMatchObject({
      messageId,
      inReplyTo: '<q1@customer.example>',
      references: ['<q0@customer.example>', '<q1@customer.example>'],
      subject: '[#42] Printer on fire',
      from: { address: SUPPORT, name: 'Support' },
    });
    expect(got.headers.get('auto-submitted')).toEqual(['auto-replied']);
    expect(got.text).toContain('Ticket #42 is open.');
    expect(got.attachments.map((a) => a.filename)).toEqual(['notes.txt']);

    expect(await findSent(world.exchange(), SUPPORT, messageId)).toEqual(expect.any(String));
  });

  it('when nothing was sent with a Message-ID, then Sent Items finds nothing', async () => {
    expect(await findSent(world.exchange(), SUPPORT, '<never@contoso.com>')).toBeUndefined();
  });

  it('when the app lacks Mail.Send on the mailbox, then a permanent graph-access-denied names it', async () => {
    const { raw } = await composeMail({
      from: { address: NO_SEND },
      to: [{ address: 'ada@customer.example' }],
      subject: 'x',
      html: '<p>x</p>',
    });
    const err = await sendMime(world.exchange(), NO_SEND, raw).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailSendAccessError);
    expect(err).toMatchObject({ code: 'graph-access-denied', permanent: true });
    expect((err as Error).message).toContain('Mail.Send');
  });
});
