/**
 * A site provisioned with the outbox's first MailStatus (four choices, no default), against the
 * Graph simulator: it takes mail without the outbox until provisioning runs again, which adds the
 * statuses it lacks and the Comments default, keeps an agent's own choice, and then has nothing
 * more to do.
 */
import type { Graph } from '../../lib/sharepoint/graph';
import { provisionHelpdesk, readLists, validateHelpdesk } from '../../lib/sharepoint/provision';
import { CONTOSO, type SimWorld, aTicket, startSimWorld } from './sharepointSim';

let world: SimWorld;

beforeAll(async () => {
  world = await startSimWorld({ provision: false });
});

afterAll(() => world?.close());

const FIRST_STATUSES = ['To send', 'Sending', 'Sent', 'Failed'];

/** A site as the outbox's foundation left it, with an agent's extra choice on both lists. */
async function foundationSite(graph: Graph): Promise<string> {
  await world.admin('PUT', `tenants/${CONTOSO}`, {
    hostname: 'contoso.sharepoint.com',
    sites: ['/sites/foundation'],
  });
  const siteUrl = 'https://contoso.sharepoint.com/sites/foundation';
  const { siteId } = await provisionHelpdesk(graph, siteUrl);
  for (const list of await readLists(graph, siteId)) {
    const column = list.columns?.find((c) => c.name === 'MailStatus');
    if (!column) continue;
    await graph.patch(
      `/sites/${siteId}/lists/${list.id}/columns/${column.id}`,
      { choice: { choices: [...FIRST_STATUSES, 'Escalated'] }, defaultValue: null },
      { op: 'test: foundation column' },
    );
  }
  return siteUrl;
}

it('when a site has the first MailStatus, then it works without the outbox, and provisioning it again upgrades the column once', async () => {
  const graph = world.clients.forTenant(CONTOSO);
  const siteUrl = await foundationSite(graph);
  expect(await validateHelpdesk(graph, siteUrl)).toMatchObject({ outbox: false });

  // Mail still becomes tickets and comments, without the statuses the column does not offer.
  const site = await world.directory().open({ entraTenantId: CONTOSO, siteUrl });
  const requester = await site.ensureContact('ann@example.com', 'Ann');
  const ticket = await site.createTicket(
    aTicket(requester.id, 'f-1', { mailStatus: 'To send', messageId: '<f1@example.com>' }),
  );
  const comment = await site.createComment({
    ticketId: ticket.id,
    title: 'Re',
    body: '<p>More</p>',
    senderId: requester.id,
    mailKey: 'f-2',
    autoReply: false,
  });
  const before = await validateHelpdesk(graph, siteUrl);
  const fields = await graph.get<Record<string, unknown>>(
    `/sites/${before.siteId}/lists/${before.lists.comments}/items/${comment.id}/fields`,
    { op: 'test: read comment' },
  );
  expect(fields).not.toHaveProperty('MailStatus');

  const upgraded = await provisionHelpdesk(graph, siteUrl);
  expect(upgraded.created).toEqual([
    'Tickets.MailStatus (choices)',
    'Comments.MailStatus (choices, default)',
  ]);
  expect(upgraded).toMatchObject({ outbox: true, warnings: [] });
  const lists = await readLists(graph, upgraded.siteId);
  const mailStatus = (name: string) =>
    lists.find((l) => l.displayName === name)?.columns?.find((c) => c.name === 'MailStatus');
  for (const name of ['Tickets', 'Comments']) {
    expect(mailStatus(name)?.choice?.choices).toEqual([
      ...FIRST_STATUSES,
      'Escalated',
      'Received',
      'Not sent',
    ]);
  }
  expect(mailStatus('Comments')?.defaultValue).toEqual({ value: 'To send' });
  expect(mailStatus('Tickets')?.defaultValue).toBeUndefined();

  expect((await provisionHelpdesk(graph, siteUrl)).created).toEqual([]);
});
