import { toHelpdeskError } from '../../../lib/sharepoint/errors';
import { ensureContact, normaliseEmail } from '../../../lib/sharepoint/contacts';
import { FakeGraph, sdkError } from './fakeGraph';

const contacts = (graph: FakeGraph) => ({ graph, siteId: 's1', listId: 'c1' });

describe('contacts', () => {
  it('when the contact exists, then one request finds it by lower-cased e-mail', async () => {
    const graph = new FakeGraph().answer({ value: [{ id: '5', fields: { Title: 'Ann' } }] });
    expect(await ensureContact(contacts(graph), " Ann.O'Neil@Example.COM ", 'Ann')).toEqual({
      id: '5',
      email: "ann.o'neil@example.com",
      name: 'Ann',
    });
    expect(graph.calls).toHaveLength(1);
    expect(graph.calls[0]!.call.query).toEqual({
      $filter: "fields/Email eq 'ann.o''neil@example.com'",
      $select: 'id',
      $top: '1',
      $expand: 'fields($select=Title)',
    });
  });

  it('when the contact is new, then find + create; the title is the display name', async () => {
    const graph = new FakeGraph().answer({ value: [] }).answer({ id: '6' });
    expect(await ensureContact(contacts(graph), 'Bob@x.org', 'Bob\r\n Builder')).toEqual({
      id: '6',
      email: 'bob@x.org',
      name: 'Bob Builder',
    });
    expect(graph.calls[1]).toMatchObject({
      method: 'POST',
      path: '/sites/s1/lists/c1/items',
      body: { fields: { Title: 'Bob Builder', Email: 'bob@x.org' } },
    });
  });

  it('when there is no display name, then the title is the address', async () => {
    const graph = new FakeGraph().answer({ value: [] }).answer({ id: '6' });
    expect((await ensureContact(contacts(graph), 'bob@x.org', ' ')).name).toBe('bob@x.org');
  });

  it('when a concurrent mail created the contact first, then it is re-read', async () => {
    const graph = new FakeGraph()
      .answer({ value: [] })
      .answer(() => {
        throw toHelpdeskError('create contact', sdkError(409, 'nameAlreadyExists'));
      })
      .answer({ value: [{ id: '7', fields: { Title: 'Bob' } }] });
    expect(await ensureContact(contacts(graph), 'bob@x.org', 'Bob')).toMatchObject({ id: '7' });
    expect(graph.calls.map((c) => c.method)).toEqual(['GET', 'POST', 'GET']);
  });

  it.each(['', 'no-at-sign', `${'a'.repeat(250)}@x.org`])(
    'refuses unusable address %#',
    (email) => {
      expect(() => normaliseEmail(email)).toThrow(
        expect.objectContaining({ code: 'invalid-address' }),
      );
      try {
        normaliseEmail(email);
      } catch (err) {
        if (email) expect((err as Error).message).not.toContain(email);
      }
    },
  );
});
