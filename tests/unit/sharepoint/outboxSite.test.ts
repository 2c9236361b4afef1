import type { AttachmentLibrary } from '../../../lib/sharepoint/libraryTypes';
import { GraphOutboxSite } from '../../../lib/sharepoint/outboxSite';
import type { HelpdeskIds } from '../../../lib/sharepoint/siteSchema';
import { FakeGraph } from './fakeGraph';

const IDS: HelpdeskIds = {
  siteId: 's',
  lists: { contacts: 'c', tickets: 't', comments: 'm', attachments: 'a' },
  mailHash: true,
  outbox: false,
};
const contact = { id: '7', fields: { Title: 'Ann', Email: 'Ann@Example.com' } };

it('when a contact is read again within five minutes, then it costs no request; after, it is read afresh', async () => {
  let now = 0;
  const graph = new FakeGraph().answer(contact).answer(contact);
  const site = new GraphOutboxSite(graph, IDS, {} as AttachmentLibrary, () => now);
  const ann = { id: '7', email: 'ann@example.com', name: 'Ann' };
  expect(await site.readContact('7')).toEqual(ann);
  now = 5 * 60_000 - 1;
  expect(await site.readContact('7')).toEqual(ann);
  expect(graph.calls).toHaveLength(1);
  now = 5 * 60_000;
  expect(await site.readContact('7')).toEqual(ann);
  expect(graph.calls).toHaveLength(2);
});

it('when the site has no outbox columns, then the ticket is read without MessageId', async () => {
  const graph = new FakeGraph().answer({
    id: '3',
    fields: { Title: 'T', RequesterLookupId: '7', Cc: [{ LookupId: 8, LookupValue: 'b' }] },
  });
  const site = new GraphOutboxSite(graph, IDS, {} as AttachmentLibrary);
  expect(await site.readTicketMail('3')).toEqual({
    id: '3',
    title: 'T',
    requesterId: '7',
    ccIds: ['8'],
  });
  expect(graph.calls[0]?.call.query).toEqual({
    $expand: 'fields($select=Title,Mailbox,RequesterLookupId,Cc)',
  });
});
