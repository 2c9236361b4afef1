import { PermanentError, TransientError } from '../../../lib/errors';
import { cutText } from '../../../lib/sharepoint/columnText';
import { toHelpdeskError } from '../../../lib/sharepoint/errors';
import type { NewTicket } from '../../../lib/sharepoint/helpdesk';
import { createTicket, findTicketByMailKey, ticketFields } from '../../../lib/sharepoint/tickets';
import { FakeGraph, sdkError } from './fakeGraph';

const TICKET: NewTicket = {
  title: 'Printer on fire',
  body: '<p>Help</p>',
  requesterId: '7',
  ccIds: [],
  mailbox: 'support@contoso.com',
  mailKey: 'k1',
};
const ITEMS = '/sites/s1/lists/t1/items';
const unique = () => {
  throw toHelpdeskError(
    'create ticket',
    sdkError(
      400,
      'invalidRequest',
      'One or more fields with unique constraints already has the provided value.',
    ),
  );
};

function tickets(graph: FakeGraph) {
  return { graph, siteId: 's1', listId: 't1' };
}

describe('ticket fields', () => {
  it('when a ticket has no Cc, then the Cc lookup is left out', () => {
    expect(ticketFields(TICKET)).toEqual({
      Title: 'Printer on fire',
      Body: '<p>Help</p>',
      Status: 'New',
      Priority: 'Normal',
      Source: 'Email',
      RequesterLookupId: 7,
      Mailbox: 'support@contoso.com',
      MailKey: 'k1',
    });
  });

  it('when Cc contacts are given, then they are a typed Int32 collection without duplicates', () => {
    const fields = ticketFields({ ...TICKET, ccIds: ['12', '9', '12'] });
    expect(fields['CcLookupId@odata.type']).toBe('Collection(Edm.Int32)');
    expect(fields.CcLookupId).toEqual([9, 12]);
  });

  it('when the title has 300 characters, then 255 are kept', () => {
    expect(ticketFields({ ...TICKET, title: 'x'.repeat(300) }).Title).toHaveLength(255);
  });

  it('when the cut would split an emoji, then the whole emoji goes', () => {
    const title = `${'x'.repeat(254)}😀tail`;
    expect(cutText(title, 255)).toBe('x'.repeat(254));
    expect(cutText('ab', 255)).toBe('ab');
  });

  it('when the subject is blank, then the title says so', () => {
    expect(ticketFields({ ...TICKET, title: '  ' }).Title).toBe('(no subject)');
  });

  it.each(['', 'x'.repeat(256)])(
    'when the mail key is unusable (%#), then PermanentError',
    (mailKey) => {
      expect(() => ticketFields({ ...TICKET, mailKey })).toThrow(PermanentError);
    },
  );

  it.each(['abc', '0', '-1', '1.5', '99999999999'])(
    'when the requester id is %j, then PermanentError',
    (id) => {
      expect(() => ticketFields({ ...TICKET, requesterId: id })).toThrow(
        expect.objectContaining({ code: 'invalid-lookup-id' }),
      );
    },
  );
});

describe('tickets on Graph', () => {
  it('when finding by mail key, then one indexed, quote-escaped filter request', async () => {
    const graph = new FakeGraph().answer({ value: [{ id: '41', webUrl: 'https://w/41' }] });
    expect(await findTicketByMailKey(tickets(graph), "it's")).toEqual({
      id: '41',
      webUrl: 'https://w/41',
    });
    expect(graph.calls).toEqual([
      {
        method: 'GET',
        path: ITEMS,
        call: {
          op: 'find ticket by mail key',
          query: { $filter: "fields/MailKey eq 'it''s'", $select: 'id,webUrl', $top: '1' },
        },
      },
    ]);
  });

  it('when no ticket has the key, then undefined', async () => {
    const graph = new FakeGraph().answer({ value: [] });
    expect(await findTicketByMailKey(tickets(graph), 'k')).toBeUndefined();
  });

  it('when creating, then one POST with the fields', async () => {
    const graph = new FakeGraph().answer({ id: '42', webUrl: 'https://w/42' });
    expect(await createTicket(tickets(graph), TICKET)).toEqual({
      id: '42',
      webUrl: 'https://w/42',
    });
    expect(graph.calls).toHaveLength(1);
    expect(graph.calls[0]).toMatchObject({
      method: 'POST',
      path: ITEMS,
      body: { fields: ticketFields(TICKET) },
    });
  });

  it('when the unique MailKey refuses the write, then the existing ticket is returned', async () => {
    const graph = new FakeGraph().answer(unique).answer({ value: [{ id: '40' }] });
    expect(await createTicket(tickets(graph), TICKET)).toEqual({ id: '40', existed: true });
    expect(graph.calls.map((c) => c.method)).toEqual(['POST', 'GET']);
  });

  it('when refused as duplicate but nothing is found, then TransientError', async () => {
    const graph = new FakeGraph().answer(unique).answer({ value: [] });
    await expect(createTicket(tickets(graph), TICKET)).rejects.toThrow(TransientError);
  });

  it('when another 400 comes back and no ticket exists, then the 400 stays permanent', async () => {
    const graph = new FakeGraph()
      .answer(() => {
        throw toHelpdeskError(
          'create ticket',
          sdkError(400, 'invalidRequest', "Field 'X' is not recognized"),
        );
      })
      .answer({ value: [] });
    await expect(createTicket(tickets(graph), TICKET)).rejects.toMatchObject({
      code: 'graph-http-400',
    });
  });

  it('when Graph is throttled past the budget, then the TransientError passes unchanged', async () => {
    const graph = new FakeGraph().answer(() => {
      throw toHelpdeskError('create ticket', sdkError(429, 'activityLimitReached'));
    });
    await expect(createTicket(tickets(graph), TICKET)).rejects.toMatchObject({
      code: 'graph-throttled',
    });
    expect(graph.calls).toHaveLength(1);
  });
});
