/**
 * A site provisioned before the MailHash column (mail fingerprints) against the Graph simulator:
 * it keeps taking mail as before, and provisioning it again adds the column.
 */
import { provisionHelpdesk, resolveSiteId, validateHelpdesk } from '../../lib/sharepoint/provision';
import { HELPDESK_LISTS, type ListIds, columnDefinition } from '../../lib/sharepoint/schema';
import { CONTOSO, HELPDESK, type SimWorld, aTicket, contoso, startSimWorld } from './sharepointSim';

let world: SimWorld;

beforeAll(async () => {
  world = await startSimWorld({ provision: false });
});

afterAll(() => world?.close());

/** The lists as provisioning made them before optional columns existed. */
async function provisionWithoutOptionalColumns(): Promise<void> {
  const graph = world.clients.forTenant(CONTOSO);
  const siteId = await resolveSiteId(graph, HELPDESK);
  const ids: Partial<ListIds> = {};
  for (const spec of HELPDESK_LISTS) {
    const list = await graph.post<{ id: string }>(
      `/sites/${siteId}/lists`,
      {
        displayName: spec.displayName,
        list: { template: spec.template },
        columns: spec.columns
          .filter((c) => !c.builtIn && !c.optional)
          .map((c) => columnDefinition(c, ids)),
      },
      { op: 'test: old list' },
    );
    ids[spec.key] = list.id;
  }
}

it('when a site was provisioned before mail fingerprints, then it still takes tickets, and provisioning it again adds the column', async () => {
  await provisionWithoutOptionalColumns();
  const graph = world.clients.forTenant(CONTOSO);
  expect(await validateHelpdesk(graph, HELPDESK)).toMatchObject({ mailHash: false });

  const old = await world.directory().open(contoso);
  const requester = await old.ensureContact('ann@example.com', 'Ann');
  await old.createTicket({ ...aTicket(requester.id, 'old-key'), mailHash: 'f1' });
  expect(await old.findTicketsByMailKeys(['old-key'])).toEqual([
    { mailKey: 'old-key', ticketId: expect.any(String) },
  ]);

  const upgraded = await provisionHelpdesk(graph, HELPDESK);
  expect(upgraded.created).toEqual(['Tickets.MailHash', 'Comments.MailHash']);
  expect(upgraded.mailHash).toBe(true);

  const site = await world.directory().open(contoso);
  await site.createTicket({ ...aTicket(requester.id, 'new-key'), mailHash: 'f2' });
  expect(await site.findTicketsByMailKeys(['old-key', 'new-key'])).toEqual(
    expect.arrayContaining([
      { mailKey: 'old-key', ticketId: expect.any(String) },
      { mailKey: 'new-key', ticketId: expect.any(String), mailHash: 'f2' },
    ]),
  );
});
