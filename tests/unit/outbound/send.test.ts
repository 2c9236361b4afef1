import { PermanentError } from '../../../lib/errors';
import { MailSendAccessError, findSent, sendMime } from '../../../lib/outbound/send';
import { FakeExchange, graphError } from '../mailbox/fakes';

describe('sendMime', () => {
  it('posts the whole MIME as base64 text to the mailbox sendMail', async () => {
    const exchange = new FakeExchange(() => undefined);
    const raw = Buffer.from('Subject: hi\r\n\r\nhello\r\n');
    await sendMime(exchange, 'support+x@contoso.com', raw);
    expect(exchange.requests).toEqual([
      {
        method: 'POST',
        path: '/users/support%2Bx%40contoso.com/sendMail',
        body: raw.toString('base64'),
        call: expect.objectContaining({ contentType: 'text/plain' }),
      },
    ]);
  });

  it('turns a refusal of the mailbox into a permanent error naming Mail.Send', async () => {
    const exchange = new FakeExchange(() => {
      throw graphError(403, 'ErrorAccessDenied');
    });
    const err = await sendMime(exchange, 'support@contoso.com', Buffer.from('x')).catch((e) => e);
    expect(err).toBeInstanceOf(MailSendAccessError);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.code).toBe('graph-access-denied');
    expect(err.message).toContain('Mail.Send');
    expect(err.message).not.toContain('contoso');
  });

  it('lets other failures through as the client mapped them', async () => {
    const throttled = graphError(429, 'TooManyRequests');
    const exchange = new FakeExchange(() => {
      throw throttled;
    });
    await expect(sendMime(exchange, 'support@contoso.com', Buffer.from('x'))).rejects.toBe(
      throttled,
    );
  });
});

describe('findSent', () => {
  it('looks in Sent Items by internetMessageId and returns the exact match', async () => {
    const exchange = new FakeExchange(() => ({
      value: [
        { id: 'other', internetMessageId: '<A@contoso.com>' },
        { id: 'mine', internetMessageId: '<a@contoso.com>' },
      ],
    }));
    expect(await findSent(exchange, 'support@contoso.com', '<a@contoso.com>')).toBe('mine');
    expect(exchange.requests[0]).toMatchObject({
      method: 'GET',
      path: "/users/support%40contoso.com/mailFolders('sentitems')/messages",
      call: {
        query: {
          $filter: "internetMessageId eq '<a@contoso.com>'",
          $select: 'id,internetMessageId',
        },
      },
    });
  });

  it('quotes the id as an OData string and finds nothing in an empty folder', async () => {
    const exchange = new FakeExchange(() => ({ value: [] }));
    expect(await findSent(exchange, 'support@contoso.com', "<o'brien@x.org>")).toBeUndefined();
    expect(exchange.requests[0]?.call.query?.$filter).toBe(
      "internetMessageId eq '<o''brien@x.org>'",
    );
  });
});
