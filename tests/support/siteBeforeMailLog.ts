/**
 * A helpdesk site as provisioned before the Mail Log existed: every list but that one, made with
 * the real column definitions, for the tests of sites upgraded later (integration and e2e).
 */
import type { Graph } from '../../lib/sharepoint/graph';
import { resolveSiteId } from '../../lib/sharepoint/provision';
import {
  HELPDESK_LISTS,
  type ListIds,
  MAIL_TEMPLATES_LIST,
  columnDefinition,
} from '../../lib/sharepoint/schema';

export async function provisionBeforeMailLog(graph: Graph, siteUrl: string): Promise<void> {
  const siteId = await resolveSiteId(graph, siteUrl);
  const ids: Partial<ListIds> = {};
  for (const spec of [...HELPDESK_LISTS, MAIL_TEMPLATES_LIST]) {
    const columns = spec.columns.filter((c) => !c.builtIn).map((c) => columnDefinition(c, ids));
    const body = { displayName: spec.displayName, list: { template: spec.template }, columns };
    const list = await graph.post<{ id: string }>(`/sites/${siteId}/lists`, body, {
      op: 'test: list before the Mail Log',
    });
    if (spec.key !== 'templates') ids[spec.key] = list.id;
  }
}
