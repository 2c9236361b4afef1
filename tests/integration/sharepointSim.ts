/**
 * Shared setup of the sharepoint*.test.ts suites: the Graph simulator in-process on a free port
 * with the local certificate (trusted through NODE_EXTRA_CA_CERTS), two registered tenants, and
 * the SharePoint layer's real clients pointed at it.
 */
import { ensureLocalCert } from '../../dev/certs';
import { type GraphSimulator, startGraphSimulator } from '../../dev/graph-sim/server';
import type { GraphSettings } from '../../lib/config';
import { GraphClients } from '../../lib/sharepoint/graph';
import type { NewTicket, SiteRef, ThreadFinder } from '../../lib/sharepoint/helpdesk';
import { provisionHelpdesk, validateHelpdesk } from '../../lib/sharepoint/provision';
import { GraphHelpdeskDirectory } from '../../lib/sharepoint/directory';

export const CONTOSO = '00000000-0000-4000-8000-00000000c0de';
export const FABRIKAM = '00000000-0000-4000-8000-0000000fab01';
export const HELPDESK = 'https://contoso.sharepoint.com/sites/helpdesk';
export const EMPTY = 'https://contoso.sharepoint.com/sites/empty';
export const contoso: SiteRef = { entraTenantId: CONTOSO, siteUrl: HELPDESK };
const APP = { clientId: '6f1c2a55-0000-4000-8000-00000000a99a', clientSecret: 'sim-secret' };

export interface SimWorld {
  sim: GraphSimulator;
  settings: GraphSettings;
  clients: GraphClients;
  directory(): GraphHelpdeskDirectory;
  admin(method: string, path: string, body?: object): Promise<unknown>;
  /** Graph requests `work` makes, from the simulator's stats. */
  counted<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }>;
  /** The id of the ticket `site` finds for `mailKey`, the way the dedupe stage looks (1 request). */
  ticketIdByKey(site: ThreadFinder, mailKey: string): Promise<string | undefined>;
  /** How many tickets carry `mailKey`, read straight from the list. */
  ticketsWithKey(mailKey: string): Promise<number>;
  close(): Promise<void>;
}

export async function startSimWorld(opts: { provision: boolean }): Promise<SimWorld> {
  const { cert, key } = await ensureLocalCert();
  const sim = await startGraphSimulator({ port: 0, cert, key, ...APP });
  const settings: GraphSettings = { ...APP, authorityHost: sim.url, baseUrl: sim.url };
  const clients = new GraphClients(settings);

  const admin = async (method: string, path: string, body?: object): Promise<unknown> => {
    const res = await fetch(`${sim.url}/_admin/${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`admin ${method} ${path}: HTTP ${res.status}`);
    return res.status === 204 ? undefined : res.json();
  };
  const requests = async () => ((await admin('GET', 'stats')) as { requests: number }).requests;

  await admin('PUT', `tenants/${CONTOSO}`, {
    hostname: 'contoso.sharepoint.com',
    sites: ['/sites/helpdesk', '/sites/empty'],
  });
  await admin('PUT', `tenants/${FABRIKAM}`, {
    hostname: 'fabrikam.sharepoint.com',
    sites: ['/sites/helpdesk'],
  });
  if (opts.provision) await provisionHelpdesk(clients.forTenant(CONTOSO), HELPDESK);

  return {
    sim,
    settings,
    clients,
    admin,
    directory: () => new GraphHelpdeskDirectory(settings, { clients }),
    async counted(work) {
      await admin('POST', 'stats/reset');
      const result = await work();
      return { result, requests: await requests() };
    },
    async ticketIdByKey(site, mailKey) {
      return (await site.findTicketsByMailKeys([mailKey]))[0]?.ticketId;
    },
    async ticketsWithKey(mailKey) {
      const graph = clients.forTenant(CONTOSO);
      const { siteId, lists } = await validateHelpdesk(graph, HELPDESK);
      const page = await graph.get<{ value: unknown[] }>(
        `/sites/${siteId}/lists/${lists.tickets}/items`,
        { op: 'test: count tickets', query: { $filter: `fields/MailKey eq '${mailKey}'` } },
      );
      return page.value.length;
    },
    close: () => sim.close(),
  };
}

let keys = 0;
export const newKey = (): string => `it-${Date.now()}-${++keys}`;

export function aTicket(
  requesterId: string,
  mailKey: string,
  extra: Partial<NewTicket> = {},
): NewTicket {
  return {
    title: 'Printer on fire',
    body: '<p>Help</p>',
    requesterId,
    ccIds: [],
    mailbox: 'support@contoso.com',
    mailKey,
    ...extra,
  };
}
