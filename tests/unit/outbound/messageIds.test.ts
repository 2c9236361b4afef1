import { ackMessageId, noticeMessageId, replyMessageId } from '../../../lib/outbound/messageIds';

describe('Message-IDs of the mail we send', () => {
  it('gives a ticket one ack id whoever computes it, on the sending mailbox domain', () => {
    const id = ackMessageId('42', '<q1@customer.example>', 'Support@Contoso.com');
    expect(id).toMatch(/^<ack\.42\.[0-9a-f]{24}@contoso\.com>$/);
    expect(ackMessageId('42', '<q1@customer.example>', 'support@contoso.com')).toBe(id);
    expect(ackMessageId('42', '<q2@customer.example>', 'support@contoso.com')).not.toBe(id);
    expect(ackMessageId('43', undefined, 'support@contoso.com')).toMatch(/^<ack\.43\./);
  });

  it('gives a notice one id per kind, tenant and refused message, with nothing of the mail in it', () => {
    const id = noticeMessageId(
      'notice-size',
      'contoso.sharepoint.com',
      'AAMk=',
      'support@contoso.com',
    );
    expect(id).toMatch(/^<notice\.notice-size\.[0-9a-f]{32}@contoso\.com>$/);
    expect(
      noticeMessageId('notice-size', 'contoso.sharepoint.com', 'AAMk=', 'support@contoso.com'),
    ).toBe(id);
    expect(
      noticeMessageId('notice-held', 'contoso.sharepoint.com', 'AAMk=', 'support@contoso.com'),
    ).not.toBe(id);
    expect(
      noticeMessageId('notice-size', 'fabrikam.sharepoint.com', 'AAMk=', 'support@contoso.com'),
    ).not.toBe(id);
  });

  it('gives every reply a fresh id, and a mailbox without a usable domain localhost', () => {
    expect(replyMessageId('support@contoso.com')).not.toBe(replyMessageId('support@contoso.com'));
    expect(replyMessageId('weird')).toMatch(/@localhost>$/);
  });
});
