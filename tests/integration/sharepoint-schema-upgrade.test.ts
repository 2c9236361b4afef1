/**
 * Sites provisioned before a column or list was added, against the Graph simulator: they keep
 * taking mail as before, and provisioning them again adds what is missing (the MailHash column
 * of mail fingerprints; the outbox columns and the Mail Templates list of issue 9), once.
 */
import { GraphOutbox } from '../../lib/sharepoint/outbox';
import { provisionHelpdesk, resolveSiteId, validateHelpdesk } from '../../lib/sharepoint/provision';
import {
  HELPDESK_LISTS,
  type ListIds,
  MAIL_TEMPLATES_LIST,
  columnDefinition,
} from '../../lib/sharepoint/schema';
import { DEFAULT_TEMPLATES } from '../../lib/sharepoint/templateTexts';
import { CONTOSO, HELPDESK, type SimWorld, aTicket, contoso, startSimWorld } from './sharepointSim';

let world: SimWorld;

beforeAll(async () => {
  world = await startSimWorld({ provision: false });
});

afterAll(() => world?.close());

/** The lists as provisioning made them before optional columns and lists existed. */
async function provisionWithoutOptionalColumns(siteUrl = HELPDESK): Promise<void> {
  const graph = world.clients.forTenant(CONTOSO);
  const siteId = await resolveSiteId(graph, siteUrl);
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

/** Another site of the same tenant, provisioned the old way. */
async function oldSite(path: string): Promise<string> {
  await world.admin('PUT', `tenants/${CONTOSO}`, {
    hostname: 'contoso.sharepoint.com',
    sites: [path],
  });
  const siteUrl = `https://contoso.sharepoint.com${path}`;
  await provisionWithoutOptionalColumns(siteUrl);
  return siteUrl;
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
  expect(upgraded.created).toEqual([
    'Tickets.MailHash',
    'Tickets.MailStatus',
    'Tickets.SentAt',
    'Tickets.MessageId',
    'Comments.MailHash',
    'Comments.MailStatus',
    'Comments.SentAt',
    'Comments.MessageId',
    'Mail Templates',
    'Mail Log',
  ]);
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

it('when a site was provisioned before the outbox, then it opens without it, and provisioning it again adds the columns and the Mail Templates list with its defaults, once', async () => {
  const siteUrl = await oldSite('/sites/before-outbox');
  const graph = world.clients.forTenant(CONTOSO);
  const before = await validateHelpdesk(graph, siteUrl);
  expect(before).toMatchObject({ outbox: false });
  expect(before.templates).toBeUndefined();
  expect(before.mailLog).toBeUndefined();
  const oldOutbox = new GraphOutbox(graph, before);
  const none = await world.counted(async () => [
    ...(await oldOutbox.findOutbox('comments', 'To send', 10)),
    ...(await oldOutbox.readTemplates()),
  ]);
  expect(none).toEqual({ result: [], requests: 0 });

  const upgraded = await provisionHelpdesk(graph, siteUrl);
  expect(upgraded.created).toContain('Comments.MailStatus');
  expect(upgraded.created).toContain('Mail Templates');
  expect(upgraded).toMatchObject({
    outbox: true,
    templates: expect.any(String),
    mailLog: expect.any(String),
  });
  expect(await new GraphOutbox(graph, upgraded).readTemplates()).toHaveLength(
    DEFAULT_TEMPLATES.length,
  );

  const again = await provisionHelpdesk(graph, siteUrl);
  expect(again.created).toEqual([]);
  expect(await new GraphOutbox(graph, again).readTemplates()).toHaveLength(
    DEFAULT_TEMPLATES.length,
  );
});

it('when a site has a Mail Templates list already (emptied by an agent), then provisioning writes no items into it', async () => {
  const siteUrl = await oldSite('/sites/emptied-templates');
  const graph = world.clients.forTenant(CONTOSO);
  const siteId = await resolveSiteId(graph, siteUrl);
  await graph.post(
    `/sites/${siteId}/lists`,
    {
      displayName: MAIL_TEMPLATES_LIST.displayName,
      list: { template: MAIL_TEMPLATES_LIST.template },
      columns: MAIL_TEMPLATES_LIST.columns
        .filter((c) => !c.builtIn)
        .map((c) => columnDefinition(c, {})),
    },
    { op: 'test: emptied templates' },
  );

  const upgraded = await provisionHelpdesk(graph, siteUrl);
  expect(upgraded.created).not.toContain('Mail Templates');
  expect(upgraded.templates).toEqual(expect.any(String));
  expect(await new GraphOutbox(graph, upgraded).readTemplates()).toEqual([]);
});
