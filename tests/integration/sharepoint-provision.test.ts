/** Provisioning, validation and access of a helpdesk site, against the Graph simulator. */
import { PermanentError } from '../../lib/errors';
import { provisionHelpdesk, validateHelpdesk } from '../../lib/sharepoint/provision';
import { GraphHelpdeskDirectory } from '../../lib/sharepoint/directory';
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
    expect(first.created).toEqual(['Contacts', 'Tickets', 'Comments', 'Ticket Attachments']);
    const second = await provisionHelpdesk(graph, HELPDESK);
    expect(second.created).toEqual([]);
    expect(second.lists).toEqual(first.lists);
    await expect(validateHelpdesk(graph, HELPDESK)).resolves.toEqual({
      siteId: first.siteId,
      lists: first.lists,
      mailHash: true,
    });
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
