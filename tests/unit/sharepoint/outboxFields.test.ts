/** What the pipeline's writes put into the outbox columns, and what a mark writes. */
import { PermanentError } from '../../../lib/errors';
import { commentFields } from '../../../lib/sharepoint/comments';
import type { NewComment, NewTicket } from '../../../lib/sharepoint/helpdesk';
import { markOutboxItem } from '../../../lib/sharepoint/outboxItems';
import { ticketFields } from '../../../lib/sharepoint/tickets';
import { FakeGraph } from './fakeGraph';

const TICKET: NewTicket = {
  title: 'Printer on fire',
  body: '<p>Help</p>',
  requesterId: '7',
  ccIds: [],
  mailbox: 'support@contoso.com',
  mailKey: 'k1',
};
const COMMENT: NewComment = {
  ticketId: '3',
  title: 'Re',
  body: '<p>More</p>',
  senderId: '7',
  mailKey: 'k2',
  autoReply: false,
};

it('when a ticket asks for an ack, then it is To send with its Message-ID; without, neither column is written', () => {
  expect(ticketFields({ ...TICKET, mailStatus: 'To send', messageId: '<a@x>' })).toMatchObject({
    MailStatus: 'To send',
    MessageId: '<a@x>',
  });
  const plain = ticketFields(TICKET);
  expect(plain).not.toHaveProperty('MailStatus');
  expect(plain).not.toHaveProperty('MessageId');
});

it('when a comment is written from mail on a site with the outbox, then it is Received (never the default To send)', () => {
  expect(commentFields({ ...COMMENT, messageId: '<b@x>' }, true)).toMatchObject({
    MailStatus: 'Received',
    MessageId: '<b@x>',
  });
  expect(commentFields({ ...COMMENT, autoReply: true }, true)).toMatchObject({
    MailStatus: 'Received',
    Internal: true,
  });
  const old = commentFields({ ...COMMENT, messageId: '<b@x>' }, false);
  expect(old).not.toHaveProperty('MailStatus');
  expect(old).not.toHaveProperty('MessageId');
});

it('when a Message-ID is longer than the column, then it is left out rather than cut', () => {
  const long = `<${'x'.repeat(254)}>`;
  expect(ticketFields({ ...TICKET, messageId: long })).not.toHaveProperty('MessageId');
  expect(commentFields({ ...COMMENT, messageId: long }, true)).not.toHaveProperty('MessageId');
});

describe('marking', () => {
  const list = (graph: FakeGraph) => ({ graph, siteId: 's', listId: 'l' });

  it('when a comment is marked Sent with a MailKey, then one PATCH writes status, time, Message-ID and key', async () => {
    const graph = new FakeGraph().answer({});
    const sentAt = new Date('2026-01-02T03:04:05Z');
    await markOutboxItem(list(graph), { id: '5', list: 'comments' }, 'Sent', {
      sentAt,
      messageId: '<r@contoso.com>',
      mailKey: 'mk',
    });
    expect(graph.calls).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: '/sites/s/lists/l/items/5/fields',
        body: {
          MailStatus: 'Sent',
          SentAt: '2026-01-02T03:04:05.000Z',
          MessageId: '<r@contoso.com>',
          MailKey: 'mk',
        },
      }),
    ]);
  });

  it('when a ticket is marked with a MailKey, then the key is not written: the ticket keeps its own', async () => {
    const graph = new FakeGraph().answer({});
    await markOutboxItem(list(graph), { id: '5', list: 'tickets' }, 'Sent', { mailKey: 'mk' });
    expect(graph.calls[0]?.body).toEqual({ MailStatus: 'Sent' });
  });

  it('when the MailKey does not fit the column, then nothing is written', async () => {
    const graph = new FakeGraph();
    const mark = markOutboxItem(list(graph), { id: '5', list: 'comments' }, 'Sent', {
      mailKey: 'k'.repeat(256),
    });
    await expect(mark).rejects.toBeInstanceOf(PermanentError);
    expect(graph.calls).toEqual([]);
  });
});
