/** Provisioning, validation and access of a helpdesk site, against the Graph simulator. */
import { PermanentError } from '../../lib/errors';
import { provisionHelpdesk, readLists, validateHelpdesk } from '../../lib/sharepoint/provision';
import { GraphHelpdeskDirectory } from '../../lib/sharepoint/directory';
import { GraphOutbox } from '../../lib/sharepoint/outbox';
import { DEFAULT_TEMPLATES, type MailTemplate } from '../../lib/sharepoint/templateTexts';
import {
  CONTOSO,
  EMPTY,
  FABRIKAM,
  HELPDESK,
  type SimWorld,
  contoso,
  startSimWorld,
} from './sharepointSim';

let world: SimWorld;

beforeAll(async () => {
  world = await startSimWorld({ provision: false });
});

afterAll(() => world?.close());

describe('provisioning', () => {
  it('when a site is provisioned twice, then the second run creates nothing and ids agree', async () => {
    const graph = world.clients.forTenant(CONTOSO);
    const first = await provisionHelpdesk(graph, HELPDESK);
    expect(first.created).toEqual([
      'Contacts',
      'Tickets',
      'Comments',
      'Ticket Attachments',
      'Mail Templates',
      'Mail Log',
    ]);
    expect(first.mailLog).toEqual(expect.any(String));
    const second = await provisionHelpdesk(graph, HELPDESK);
    expect(second.created).toEqual([]);
    expect(second.lists).toEqual(first.lists);
    await expect(validateHelpdesk(graph, HELPDESK)).resolves.toEqual({
      siteId: first.siteId,
      lists: first.lists,
      mailHash: true,
      outbox: true,
      templates: first.templates,
      mailLog: first.mailLog,
    });
  });

  it('when a site is provisioned, then Tickets and Comments have the outbox columns and Mail Templates its default texts', async () => {
    const graph = world.clients.forTenant(CONTOSO);
    const ids = await provisionHelpdesk(graph, HELPDESK);
    const lists = await readLists(graph, ids.siteId);
    for (const name of ['Tickets', 'Comments']) {
      const columns = lists.find((l) => l.displayName === name)?.columns ?? [];
      const column = (n: string) => columns.find((c) => c.name === n);
      expect(column('MailStatus')).toMatchObject({
        indexed: true,
        choice: { choices: ['To send', 'Sending', 'Sent', 'Failed', 'Received', 'Not sent'] },
      });
      expect(column('SentAt')).toMatchObject({ dateTime: { format: 'dateTime' } });
      expect(column('MessageId')).toMatchObject({ indexed: false, text: { maxLength: 255 } });
    }
    // An agent's new comment is to be sent without touching the column; a ticket's ack is asked
    // for by the pipeline, so Tickets has no default.
    const mailStatus = (name: string) =>
      lists.find((l) => l.displayName === name)?.columns?.find((c) => c.name === 'MailStatus');
    expect(mailStatus('Comments')?.defaultValue).toEqual({ value: 'To send' });
    expect(mailStatus('Tickets')?.defaultValue).toBeUndefined();
    expect(ids.warnings).toEqual([]);

    const shelf = new GraphOutbox(graph, ids);
    const byKey = (a: MailTemplate, b: MailTemplate) =>
      `${a.key}/${a.language}`.localeCompare(`${b.key}/${b.language}`);
    expect((await shelf.readTemplates()).sort(byKey)).toEqual([...DEFAULT_TEMPLATES].sort(byKey));
    expect((await shelf.readTemplates('DE')).map((t) => t.key).sort()).toEqual([
      'ack',
      'notice-held',
      'notice-size',
      'reply',
    ]);
  });

  it('when a site has no helpdesk lists, then opening it is PermanentError schema-missing', async () => {
    const err = await world
      .directory()
      .open({ entraTenantId: CONTOSO, siteUrl: EMPTY })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'schema-missing' });
    expect((err as Error).message).toContain("list 'Contacts' is missing");
  });

  it('when the site does not exist, then PermanentError site-not-found', async () => {
    const err = await world
      .directory()
      .open({ entraTenantId: CONTOSO, siteUrl: 'https://contoso.sharepoint.com/sites/nope' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'site-not-found' });
  });
});

describe('access', () => {
  it("when a tenant's app opens another tenant's site, then PermanentError access denied", async () => {
    const err = await world
      .directory()
      .open({ entraTenantId: FABRIKAM, siteUrl: HELPDESK })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'graph-access-denied' });
    expect((err as Error).message).toMatch(/^resolve site: HTTP 403 accessDenied/);
  });

  it('when the client secret is wrong, then PermanentError graph-auth-refused', async () => {
    const wrong = new GraphHelpdeskDirectory({ ...world.settings, clientSecret: 'not-the-secret' });
    const err = await wrong.open(contoso).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'graph-auth-refused' });
    expect((err as Error).message).toMatch(
      /^resolve site: token refused \(invalid_client AADSTS\d+\)$/,
    );
  });

  it('when a site is opened the first time, then 2 Graph requests resolve it, later opens none', async () => {
    const dir = world.directory();
    expect((await world.counted(() => dir.open(contoso))).requests).toBe(2);
    expect((await world.counted(() => dir.open(contoso))).requests).toBe(0);
  });
});
