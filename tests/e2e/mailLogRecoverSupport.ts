/**
 * End-to-end helpers for recovering mail from the Mail Log (issue 14): an out-of-office reply
 * that answers no ticket (the Mail Log keeps it), the tenant's Mail Log read as an agent's list
 * view shows it, and the agent's `Make ticket` written through Graph as SharePoint's form does.
 */
import type { Graph } from '../../lib/sharepoint/graph';
import { siteOf } from './outboundSupport';
import { type ListItem, type TestTenant, eventually, mail } from './support';

const MAIL_LOG = encodeURIComponent('Mail Log');

/** An out-of-office reply from a person's address: a ticket once an agent asks for one. */
export const outOfOffice = (to: string): Buffer =>
  mail({
    from: 'Anna Example <anna@example.com>',
    to,
    subject: 'Automatic reply: Printer broken',
    headers: ['Auto-Submitted: auto-replied'],
    body: 'I am out of the office until Monday.',
  });

async function mailLog(tenant: TestTenant): Promise<{ graph: Graph; base: string }> {
  const { graph, siteId } = await siteOf(tenant);
  return { graph, base: `/sites/${siteId}/lists/${MAIL_LOG}` };
}

/** Every item of the tenant's Mail Log. */
export async function mailLogItems(tenant: TestTenant): Promise<ListItem[]> {
  const { graph, base } = await mailLog(tenant);
  const page = await graph.get<{ value: ListItem[] }>(`${base}/items`, {
    op: 'test: read mail log',
    query: { $expand: 'fields', $top: '999' },
  });
  return page.value;
}

/** The one item of the Mail Log, once the pipeline wrote it. */
export async function theMailLogItem(tenant: TestTenant): Promise<ListItem> {
  return eventually(async () => {
    const items = await mailLogItems(tenant);
    return items.length === 1 ? items[0] : undefined;
  });
}

/** The item once `check` holds for its fields. */
export async function mailLogItemWhen(
  tenant: TestTenant,
  id: string,
  check: (fields: Record<string, unknown>) => boolean,
  timeoutMs?: number,
): Promise<Record<string, unknown>> {
  const { graph, base } = await mailLog(tenant);
  return eventually(async () => {
    const item = await graph.get<ListItem>(`${base}/items/${id}`, {
      op: 'test: read mail log item',
      query: { $expand: 'fields' },
    });
    return check(item.fields) ? item.fields : undefined;
  }, timeoutMs);
}

/** The agent picks `Make ticket` in the item's Action column (SharePoint's form PATCHes it). */
export async function makeTicket(tenant: TestTenant, id: string): Promise<void> {
  const { graph, base } = await mailLog(tenant);
  await graph.patch(`${base}/items/${id}/fields`, { Action: 'Make ticket' }, { op: 'test: agent' });
}

/** Where the service PATCHes the item: its list by id, as the site's ids name it. */
export async function mailLogItemPath(tenant: TestTenant, id: string): Promise<string> {
  const { graph, base } = await mailLog(tenant);
  const list = await graph.get<{ id: string }>(base, { op: 'test: mail log list' });
  const { siteId } = await siteOf(tenant);
  return `/sites/${siteId}/lists/${list.id}/items/${id}`;
}
