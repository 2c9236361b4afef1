/**
 * Creates the helpdesk lists in a site (provisionHelpdesk). The same code provisions the local
 * demo tenant and a customer's tenant, and upgrades a site provisioned before a column or list
 * was added. Provisioning needs write access to the site's lists (a Sites.Selected grant with the
 * `manage` role); the mail pipeline only validates (siteSchema.ts).
 */
import type { Graph } from './graph';
import {
  HELPDESK_LISTS,
  type ListIds,
  type ListSpec,
  MAIL_LOG_LIST,
  MAIL_TEMPLATES_LIST,
  columnDefinition,
} from './schema';
import { columnChange, defaultWarnings } from './schemaUpgrade';
import { type HelpdeskIds, helpdeskIds, readLists, resolveSiteId } from './siteSchema';
import { type GraphList, findList } from './validate';

export { type HelpdeskIds, readLists, resolveSiteId, validateHelpdesk } from './siteSchema';

export interface ProvisionResult extends HelpdeskIds {
  /**
   * What this run created or changed ("Tickets", "Tickets.MailKey", "Comments.MailStatus
   * (choices, default)"); empty when the site was complete.
   */
  created: string[];
  /** What the site still lacks that provisioning asked for (a column default Graph did not set). */
  warnings: string[];
}

/** In creation order; the lists added after sites were provisioned come last. */
const ALL_LISTS: readonly ListSpec<string>[] = [
  ...HELPDESK_LISTS,
  MAIL_TEMPLATES_LIST,
  MAIL_LOG_LIST,
];

/**
 * Creates what is missing, idempotently: lists (with their columns in the same request, then
 * their default items), then missing columns of existing lists, then the index / uniqueness of
 * key columns. Never deletes or retypes anything an agent may rely on, and never writes items
 * into a list that exists already; what it cannot fix, the final validation reports.
 */
export async function provisionHelpdesk(graph: Graph, siteUrl: string): Promise<ProvisionResult> {
  const siteId = await resolveSiteId(graph, siteUrl);
  const lists = await readLists(graph, siteId);
  const ids: Partial<Record<string, string>> = {};
  const created: string[] = [];
  // Sequential on purpose: Contacts → Tickets → Comments (→ Mail Log), each lookup needs the
  // target's id.
  for (const spec of ALL_LISTS) {
    const existing = findList(lists, spec);
    if (existing) {
      ids[spec.key] = existing.id;
      created.push(...(await completeColumns(graph, siteId, existing, spec, ids)));
      continue;
    }
    const list = await graph.post<{ id: string }>(
      `/sites/${siteId}/lists`,
      {
        displayName: spec.displayName,
        list: { template: spec.template },
        columns: spec.columns.filter((c) => !c.builtIn).map((c) => columnDefinition(c, ids)),
      },
      { op: `create list ${spec.key}` },
    );
    ids[spec.key] = list.id;
    created.push(spec.displayName);
    // One request per item: a handful, once per site. A run that dies half-way leaves fewer
    // items; whoever reads the list falls back to the defaults for what is missing.
    for (const fields of spec.items ?? []) {
      await graph.post(
        `/sites/${siteId}/lists/${list.id}/items`,
        { fields },
        {
          op: `create ${spec.key} item`,
        },
      );
    }
  }
  const fresh = await readLists(graph, siteId);
  return { ...helpdeskIds(siteId, fresh), created, warnings: defaultWarnings(fresh, ALL_LISTS) };
}

async function completeColumns(
  graph: Graph,
  siteId: string,
  list: GraphList,
  spec: ListSpec<string>,
  ids: Partial<ListIds>,
): Promise<string[]> {
  const created: string[] = [];
  const columns = `/sites/${siteId}/lists/${list.id}/columns`;
  for (const column of spec.columns) {
    const found = list.columns?.find((c) => c.name === column.name);
    if (!found) {
      if (column.builtIn) continue; // cannot be created; validation names it
      await graph.post(columns, columnDefinition(column, ids), {
        op: `create column ${spec.key}.${column.name}`,
      });
      created.push(`${spec.displayName}.${column.name}`);
      continue;
    }
    // An older column: its index, the choices it lacks, the default it has not (schemaUpgrade.ts).
    const change = columnChange(column, found);
    if (change) {
      await graph.patch(`${columns}/${found.id}`, change.body, {
        op: `upgrade column ${spec.key}.${column.name}`,
      });
      created.push(`${spec.displayName}.${column.name} (${change.what.join(', ')})`);
    }
  }
  return created;
}
