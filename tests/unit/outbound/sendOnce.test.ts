import { MailSendAccessError, SentItemsAccessError, findSent } from '../../../lib/outbound/send';
import { sendLarge, sendOnce } from '../../../lib/outbound/sendOnce';
import { FakeExchange, type Request, graphError } from '../mailbox/fakes';

const RAW = Buffer.from('Message-ID: <r@contoso.com>\r\n\r\nhi\r\n');
const FILE = { filename: 'scan.pdf', content: Buffer.alloc(10) };

/** An Exchange that makes draft d1 and answers `fail` for the request it names. */
function exchange(fail: (r: Request) => Error | undefined) {
  return new FakeExchange((r) => {
    const err = fail(r);
    if (err) throw err;
    return r.path.endsWith('/messages') ? { id: 'd1' } : undefined;
  });
}

const steps = (x: FakeExchange) =>
  x.requests.map((r) => `${r.method} ${r.path.split('/').slice(3).join('/')}`);

describe('sendLarge', () => {
  it('creates the draft from the MIME as base64 text and sends it once, at most once', async () => {
    const x = exchange(() => undefined);
    await sendLarge(x, 'support@contoso.com', RAW, []);
    expect(x.requests[0]).toMatchObject({
      method: 'POST',
      path: '/users/support%40contoso.com/messages',
      body: RAW.toString('base64'),
      call: { contentType: 'text/plain' },
    });
    expect(x.requests[1]).toMatchObject({ path: '/users/support%40contoso.com/messages/d1/send' });
    expect(x.requests[1]?.call.atMostOnce).toBe(true);
  });

  it('deletes the draft when a file cannot be attached, and sends nothing', async () => {
    const x = exchange((r) =>
      r.path.endsWith('createUploadSession') ? graphError(400, 'x') : undefined,
    );
    await expect(sendLarge(x, 'support@contoso.com', RAW, [FILE])).rejects.toThrow();
    expect(steps(x)).toEqual([
      'POST messages',
      'POST messages/d1/attachments/createUploadSession',
      'DELETE messages/d1',
    ]);
  });

  it('deletes the draft when sending is refused, naming Mail.Send', async () => {
    const x = exchange((r) =>
      r.path.endsWith('/send') ? graphError(403, 'ErrorAccessDenied') : undefined,
    );
    const err = await sendLarge(x, 'support@contoso.com', RAW, []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailSendAccessError);
    expect((err as Error).message).toContain('Mail.Send');
    expect(steps(x)).toEqual(['POST messages', 'POST messages/d1/send', 'DELETE messages/d1']);
  });

  it('keeps the draft when sending fails for now: the mail may be on its way', async () => {
    const x = exchange((r) => (r.path.endsWith('/send') ? graphError(503, 'x') : undefined));
    await expect(sendLarge(x, 'support@contoso.com', RAW, [])).rejects.toThrow();
    expect(steps(x)).toEqual(['POST messages', 'POST messages/d1/send']);
  });

  it('names Mail.ReadWrite when the mailbox refuses the draft', async () => {
    const x = exchange((r) =>
      r.path.endsWith('/messages') ? graphError(403, 'ErrorAccessDenied') : undefined,
    );
    const err = await sendLarge(x, 'support@contoso.com', RAW, []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailSendAccessError);
    expect((err as Error).message).toContain('Mail.ReadWrite');
  });
});

describe('sendOnce, looking first', () => {
  const MAIL = { raw: RAW, messageId: '<r@contoso.com>' };
  const refusedReading = (r: Request) =>
    r.method === 'GET' ? graphError(403, 'ErrorAccessDenied') : undefined;

  it('sends once all the same when Sent Items may not be read (Mail.Send only): a notice is not lost', async () => {
    const x = exchange(refusedReading);
    expect(await sendOnce(x, 'support@contoso.com', MAIL)).toBe('sent');
    expect(steps(x)).toEqual(["GET mailFolders('sentitems')/messages", 'POST sendMail']);
  });

  it('sends nothing when its copy is in Sent Items', async () => {
    const x = new FakeExchange((r) =>
      r.method === 'GET' ? { value: [{ id: 'm1', internetMessageId: MAIL.messageId }] } : undefined,
    );
    expect(await sendOnce(x, 'support@contoso.com', MAIL)).toBe('already-sent');
    expect(x.requests).toHaveLength(1);
  });

  it('findSent names the refusal to read Sent Items, which is no refusal to send', async () => {
    const err = await findSent(
      exchange(refusedReading),
      'support@contoso.com',
      MAIL.messageId,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SentItemsAccessError);
    expect(err).not.toBeInstanceOf(MailSendAccessError);
    expect((err as SentItemsAccessError).code).toBe('graph-access-denied');
  });
});
