import { TransientError } from '../../../lib/errors';
import { toHelpdeskError } from '../../../lib/sharepoint/errors';
import { HELPDESK_LISTS, type ListIds, columnDefinition } from '../../../lib/sharepoint/schema';
import { GraphHelpdeskDirectory } from '../../../lib/sharepoint/directory';
import { FakeGraph, sdkError } from './fakeGraph';

const IDS: ListIds = { contacts: 'c1', tickets: 't1', comments: 'm1', attachments: 'a1' };
const SETTINGS = {
  clientId: 'x',
  clientSecret: 'y',
  authorityHost: 'https://a',
  baseUrl: 'https://g',
};
const SITE = {
  entraTenantId: '00000000-0000-4000-8000-00000000c0de',
  siteUrl: 'https://contoso.sharepoint.com/sites/helpdesk',
};

const lists = {
  value: HELPDESK_LISTS.map((spec) => ({
    id: IDS[spec.key],
    displayName: spec.displayName,
    list: { template: spec.template },
    columns: spec.columns.map((c) => ({ id: c.name, ...columnDefinition(c, IDS) })),
  })),
};

function directory(graph: FakeGraph): GraphHelpdeskDirectory {
  return new GraphHelpdeskDirectory(SETTINGS, { clients: { forTenant: () => graph } });
}

describe('helpdesk directory', () => {
  it('when a site is opened, then 2 requests resolve it, and later opens reuse the ids', async () => {
    const graph = new FakeGraph().answer({ id: 'site-1' }).answer(lists);
    const dir = directory(graph);
    const [a, b] = await Promise.all([
      dir.open(SITE),
      dir.open({ ...SITE, siteUrl: `${SITE.siteUrl}/` }),
    ]);
    expect(a).toBe(b);
    expect(await dir.open(SITE)).toBe(a);
    expect(graph.calls.map((c) => [c.method, c.path])).toEqual([
      ['GET', '/sites/contoso.sharepoint.com:/sites/helpdesk'],
      ['GET', '/sites/site-1/lists'],
    ]);
  });

  it('when the first open fails, then the failure is not cached', async () => {
    const graph = new FakeGraph()
      .answer(() => {
        throw toHelpdeskError('resolve site', sdkError(403, 'accessDenied'));
      })
      .answer({ id: 'site-1' })
      .answer(lists);
    const dir = directory(graph);
    await expect(dir.open(SITE)).rejects.toMatchObject({ code: 'graph-access-denied' });
    await expect(dir.open(SITE)).resolves.toBeDefined();
  });

  it('when the site does not exist, then PermanentError site-not-found', async () => {
    const graph = new FakeGraph().answer(() => {
      throw toHelpdeskError('resolve site', sdkError(404, 'itemNotFound'));
    });
    await expect(directory(graph).open(SITE)).rejects.toMatchObject({ code: 'site-not-found' });
  });

  it('when a cached list has gone (404), then the ids are dropped and the error is transient', async () => {
    const graph = new FakeGraph()
      .answer({ id: 'site-1' })
      .answer(lists)
      .answer(() => {
        throw toHelpdeskError('find ticket', sdkError(404, 'itemNotFound'));
      })
      .answer({ id: 'site-1' })
      .answer(lists);
    const dir = directory(graph);
    const site = await dir.open(SITE);
    await expect(site.findTicketsByMailKeys(['k'])).rejects.toThrow(TransientError);
    expect(await dir.open(SITE)).not.toBe(site);
    expect(graph.calls).toHaveLength(5);
  });
});
