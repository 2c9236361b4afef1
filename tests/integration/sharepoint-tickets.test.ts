/** Contacts and tickets through the real Graph client, against the Graph simulator. */
import type { HelpdeskSite } from '../../lib/sharepoint/helpdesk';
import { validateHelpdesk } from '../../lib/sharepoint/provision';
import {
  CONTOSO,
  HELPDESK,
  type SimWorld,
  aTicket,
  contoso,
  newKey,
  startSimWorld,
} from './sharepointSim';

let world: SimWorld;
let site: HelpdeskSite;

beforeAll(async () => {
  world = await startSimWorld({ provision: true });
  site = await world.directory().open(contoso);
});

afterAll(() => world?.close());

describe('contacts', () => {
  it('when a contact is ensured twice with different case, then it is created once', async () => {
    const created = await world.counted(() => site.ensureContact('Ann.Lee@Example.com', 'Ann Lee'));
    expect(created.result).toMatchObject({ email: 'ann.lee@example.com', name: 'Ann Lee' });
    expect(created.requests).toBe(2);
    const found = await world.counted(() => site.ensureContact('ANN.LEE@example.COM', 'Other'));
    expect(found.result).toEqual(created.result);
    // Found in the site's contact cache (contactCache.ts): no request.
    expect(found.requests).toBe(0);
  });

  it('when the address has a quote, then the filter still finds it', async () => {
    const a = await site.ensureContact("o'neil@example.com", "Pat O'Neil");
    expect(await site.ensureContact("O'Neil@example.com", '')).toEqual(a);
  });

  it('when the same new contact arrives 4 times at once, then one contact exists', async () => {
    const all = await Promise.all(
      [1, 2, 3, 4].map(() => site.ensureContact('rush@example.com', 'R')),
    );
    expect(new Set(all.map((c) => c.id)).size).toBe(1);
  });
});

describe('tickets', () => {
  it('when a new ticket comes from a new requester, then 4 Graph requests write it', async () => {
    const mailKey = newKey();
    const { result: ticket, requests } = await world.counted(async () => {
      expect(await world.ticketIdByKey(site, mailKey)).toBeUndefined();
      const requester = await site.ensureContact(`${mailKey}@example.com`, 'New Person');
      return site.createTicket(aTicket(requester.id, mailKey));
    });
    expect(requests).toBe(4);
    expect(await world.ticketIdByKey(site, mailKey)).toEqual(ticket.id);
  });

  it('when a new ticket comes from a known requester, then 2 Graph requests write it', async () => {
    await site.ensureContact('known@example.com', 'Known');
    const mailKey = newKey();
    const { requests } = await world.counted(async () => {
      await world.ticketIdByKey(site, mailKey);
      const requester = await site.ensureContact('Known@Example.com', 'Known');
      return site.createTicket(aTicket(requester.id, mailKey));
    });
    // The lookup and the create; the requester comes from the contact cache.
    expect(requests).toBe(2);
  });

  it('when the ticket has a Cc contact and a 300-character title, then both are stored', async () => {
    const requester = await site.ensureContact('req@example.com', 'Req');
    const cc = await site.ensureContact('cc@example.com', 'Cc');
    const mailKey = newKey();
    const ticket = await site.createTicket(
      aTicket(requester.id, mailKey, { title: 'x'.repeat(300), ccIds: [cc.id] }),
    );
    const graph = world.clients.forTenant(CONTOSO);
    const { siteId, lists } = await validateHelpdesk(graph, HELPDESK);
    const fields = await graph.get<Record<string, unknown>>(
      `/sites/${siteId}/lists/${lists.tickets}/items/${ticket.id}/fields`,
      { op: 'test: read ticket' },
    );
    expect(fields.Title).toBe('x'.repeat(255));
    expect(fields).toMatchObject({
      Status: 'New',
      Priority: 'Normal',
      Source: 'Email',
      MailKey: mailKey,
    });
    expect(String(fields.RequesterLookupId)).toBe(requester.id);
    // Multi-value lookups read back as [{ LookupId, LookupValue }] under the column's own name.
    expect((fields.Cc as { LookupId: unknown }[]).map((c) => String(c.LookupId))).toEqual([cc.id]);
  });

  it('when the same mail is delivered 5 times at once, then one ticket exists and all get it', async () => {
    const requester = await site.ensureContact('race@example.com', 'Race');
    const mailKey = newKey();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => site.createTicket(aTicket(requester.id, mailKey))),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await world.ticketsWithKey(mailKey)).toBe(1);
  });
});
