/**
 * End-to-end helpers for mail out (issue 9): a tenant whose support address is a simulated
 * mailbox the app may send from, a host whose outbox timer a test runs and waits for, an agent's
 * comment and file written through Graph as SharePoint's UI writes them, and the items' outbox
 * columns read back. What the requester got is read in outboundMail.ts.
 */
import { loadConfig } from '../../lib/config';
import { type Graph, GraphClients } from '../../lib/sharepoint/graph';
import { resolveSiteId } from '../../lib/sharepoint/provision';
import { TEST_MASTER_KEY, type TestHost, startHost } from '../support/stack';
import { tenantWithMailbox } from './mailboxSupport';
import type { FreshTenant } from './setup';
import { type TestTenant, eventually, settings } from './support';

/** Every run sweeps `Sending` items (the e2e stack's setting), whatever the minute. */
const OUTBOUND_ENV = { OUTBOX_SWEEP_EVERY_MINUTES: '1', OUTBOX_SETTLE_MS: '0' };

export interface OutboundHost extends TestHost {
  /** Asks the host to run the outbox timer now (the Functions admin API); does not wait. */
  startOutbox(): Promise<void>;
  /** Runs the outbox timer now and resolves once that run has ended (it must succeed). */
  runOutbox(): Promise<void>;
  /** Every line the host printed so far. */
  lines: string[];
}

export async function startOutboundHost(env: Record<string, string> = {}): Promise<OutboundHost> {
  const lines: string[] = [];
  const host = await startHost({ ...OUTBOUND_ENV, ...env }, (line) => lines.push(line));
  const startOutbox = async (): Promise<void> => {
    const res = await fetch(`${host.url}/admin/functions/outbox`, {
      method: 'POST',
      // The test hosts start with the outbox disabled: only the master key runs it.
      headers: { 'x-functions-key': TEST_MASTER_KEY },
      body: JSON.stringify({ input: '' }),
    });
    expect(res.status).toBe(202);
  };
  const runOutbox = async (): Promise<void> => {
    const from = lines.length;
    await startOutbox();
    // The host runs one timer run at a time: this request's run is the first one it starts.
    const since = () => lines.slice(from);
    const id = await eventually(
      async () =>
        since()
          .map(
            (l) =>
              /Executing '(?:Functions\.)?outbox' \(Reason='[^']*request[^']*', Id=([^)]+)\)/.exec(
                l,
              )?.[1],
          )
          .find(Boolean),
      120_000,
    );
    const end = await eventually(
      async () =>
        since().find((l) => /Executed '(?:Functions\.)?outbox' \(/.test(l) && l.includes(id)),
      120_000,
    );
    if (!end.includes('Succeeded')) throw new Error(`the outbox run failed: ${end}`);
  };
  return { ...host, lines, startOutbox, runOutbox };
}

/** One outbound host for every test of the file, started before the first. */
export function sharedOutboundHost(
  env?: Record<string, string>,
): Pick<OutboundHost, 'url' | 'runOutbox'> {
  let host: OutboundHost | undefined;
  beforeAll(async () => {
    host = await startOutboundHost(env);
  });
  const current = (): OutboundHost => {
    if (!host) throw new Error('the outbound host is not started yet');
    return host;
  };
  return {
    get url(): string {
      return current().url;
    },
    runOutbox: () => current().runOutbox(),
  };
}

/** The Exchange administrator grants or withdraws Mail.Send on the mailbox (RBAC scope). */
export async function setSendGrant(tenant: TestTenant, granted: boolean): Promise<void> {
  const address = encodeURIComponent(tenant.supportAddresses[0] ?? '');
  const url = `${settings().GRAPH_BASE_URL}/_admin/tenants/${tenant.entraTenantId}/mailboxes/${address}/grant?role=send`;
  const res = await fetch(url, { method: granted ? 'PUT' : 'DELETE' });
  if (!res.ok) throw new Error(`graph-sim send grant: HTTP ${res.status}`);
}

/** A fresh tenant whose support address is a simulated mailbox, by default with Mail.Send. */
export async function tenantThatSends(send = true): Promise<FreshTenant> {
  const fresh = await tenantWithMailbox();
  if (send) await setSendGrant(fresh.tenant, true);
  return fresh;
}

/** The tenant's site through Graph with the app's identity (an agent's writes look the same). */
export async function siteOf(tenant: TestTenant): Promise<{ graph: Graph; siteId: string }> {
  const graph = new GraphClients(loadConfig(settings()).graph).forTenant(tenant.entraTenantId);
  return { graph, siteId: await resolveSiteId(graph, tenant.siteUrl) };
}

/** An agent's comment as SharePoint's form writes it: no MailStatus (its default applies). */
export async function agentComment(
  tenant: TestTenant,
  ticketId: string,
  fields: { body: string; internal?: boolean; title?: string },
): Promise<string> {
  const { graph, siteId } = await siteOf(tenant);
  const item = await graph.post<{ id: string }>(
    `/sites/${siteId}/lists/Comments/items`,
    {
      fields: {
        Title: fields.title ?? 'Agent reply',
        Body: fields.body,
        TicketLookupId: ticketId,
        Internal: fields.internal ?? false,
      },
    },
    { op: 'test: agent comment' },
  );
  return item.id;
}

/** A file the agent put in the comment's folder `{ticketId}/{commentId}/` of Ticket Attachments. */
export async function agentFile(
  tenant: TestTenant,
  folder: { ticketId: string; commentId: string },
  name: string,
  data: Buffer,
): Promise<void> {
  const { graph, siteId } = await siteOf(tenant);
  const drive = await graph.get<{ id: string }>(
    `/sites/${siteId}/lists/${encodeURIComponent('Ticket Attachments')}/drive`,
    { op: 'test: library' },
  );
  const path = [folder.ticketId, folder.commentId, name].map(encodeURIComponent).join('/');
  await graph.put(`/drives/${drive.id}/root:/${path}:/content`, data, {
    op: 'test: agent file',
    headers: { 'content-type': 'application/octet-stream' },
  });
}

/** An item's fields, read as an agent's list view shows them. */
export async function itemFields(
  tenant: TestTenant,
  list: 'Tickets' | 'Comments',
  id: string,
): Promise<Record<string, unknown>> {
  const { graph, siteId } = await siteOf(tenant);
  const item = await graph.get<{ fields: Record<string, unknown> }>(
    `/sites/${siteId}/lists/${list}/items/${id}`,
    { op: 'test: read item', query: { $expand: 'fields' } },
  );
  return item.fields;
}
