/**
 * Creates the helpdesk lists in a site (provisionHelpdesk) and checks a site against the schema
 * (validateHelpdesk, at the first open of a tenant's site). The same code provisions the local
 * demo tenant and a customer's tenant. Provisioning needs write access to the site's lists (a
 * Sites.Selected grant with the `manage` role); the mail pipeline only validates.
 */
import { PermanentError } from '../errors';
import { isNotFound } from './graphCallError';
import type { Graph } from './graph';
import { sitePathFromUrl } from './odata';
import { type GraphList, checkSchema } from './validate';
import {
  HELPDESK_LISTS,
  type ListIds,
  type ListKey,
  type ListSpec,
  MAIL_HASH,
  columnDefinition,
} from './schema';

export interface HelpdeskIds {
  siteId: string;
  lists: ListIds;
  /** Tickets and Comments keep mail fingerprints (a site provisioned before them does not). */
  mailHash: boolean;
}

export interface ProvisionResult extends HelpdeskIds {
  /** What this run created ("Tickets", "Tickets.MailKey"); empty when the site was complete. */
  created: string[];
}

// A site holds a handful of lists; 10 pages (2,000 lists at Graph's default page size) is far past
// any real helpdesk site and stops a runaway paging loop.
const MAX_LIST_PAGES = 10;

export async function resolveSiteId(graph: Graph, siteUrl: string): Promise<string> {
  let path: string;
  try {
    path = sitePathFromUrl(siteUrl);
  } catch (err) {
    throw new PermanentError('invalid-site-url', 'site URL is not an https URL', { cause: err });
  }
  try {
    const site = await graph.get<{ id: string }>(path, {
      op: 'resolve site',
      query: { $select: 'id' },
    });
    return site.id;
  } catch (err) {
    if (isNotFound(err)) {
      throw new PermanentError('site-not-found', 'resolve site: Graph has no such site', {
        cause: err,
      });
    }
    throw err;
  }
}

/** All lists of a site with their columns: one request (two pages at most in practice). */
export async function readLists(graph: Graph, siteId: string): Promise<GraphList[]> {
  const lists: GraphList[] = [];
  let next: string | undefined = `/sites/${siteId}/lists`;
  let query: Record<string, string> | undefined = {
    $select: 'id,displayName,list',
    $expand: 'columns',
  };
  for (let page = 0; next && page < MAX_LIST_PAGES; page++) {
    const body: { value: GraphList[]; '@odata.nextLink'?: string } = await graph.get(next, {
      op: 'read lists',
      query,
    });
    lists.push(...body.value);
    next = body['@odata.nextLink'];
    query = undefined; // the next link carries the query
  }
  return lists;
}

/** Validates a site at first open: the ids of its lists, or PermanentError naming what is wrong. */
export async function validateHelpdesk(graph: Graph, siteUrl: string): Promise<HelpdeskIds> {
  const siteId = await resolveSiteId(graph, siteUrl);
  const lists = await readLists(graph, siteId);
  return { siteId, lists: checkSchema(lists), mailHash: hasMailHash(lists) };
}

function findList(lists: GraphList[], spec: ListSpec): GraphList | undefined {
  const name = spec.displayName.toLowerCase();
  return lists.find((l) => l.displayName.toLowerCase() === name);
}

/**
 * Whether every list that keeps mail fingerprints has the column. Until provisioning runs again
 * on a site provisioned before it, mail there is written and matched as before (MailKey alone).
 */
function hasMailHash(lists: GraphList[]): boolean {
  return HELPDESK_LISTS.filter((spec) => spec.columns.some((c) => c.name === MAIL_HASH)).every(
    (spec) => findList(lists, spec)?.columns?.some((c) => c.name === MAIL_HASH) === true,
  );
}

/**
 * Creates what is missing, idempotently: lists (with their columns in the same request), then
 * missing columns of existing lists, then the index / uniqueness of key columns. Never deletes or
 * retypes anything an agent may rely on; what it cannot fix, the final validation reports.
 */
export async function provisionHelpdesk(graph: Graph, siteUrl: string): Promise<ProvisionResult> {
  const siteId = await resolveSiteId(graph, siteUrl);
  const lists = await readLists(graph, siteId);
  const ids: Partial<ListIds> = {};
  const created: string[] = [];
  // Sequential on purpose: Contacts → Tickets → Comments, each lookup needs the target's id.
  for (const spec of HELPDESK_LISTS) {
    const existing = findList(lists, spec);
    if (!existing) {
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
      continue;
    }
    ids[spec.key] = existing.id;
    created.push(...(await completeColumns(graph, siteId, existing, spec, ids)));
  }
  const fresh = await readLists(graph, siteId);
  return { siteId, lists: checkSchema(fresh), mailHash: hasMailHash(fresh), created };
}

async function completeColumns(
  graph: Graph,
  siteId: string,
  list: GraphList,
  spec: ListSpec,
  ids: Partial<Record<ListKey, string>>,
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
    } else if (
      (column.indexed && !found.indexed) ||
      (column.enforceUniqueValues && !found.enforceUniqueValues)
    ) {
      // PATCH can turn on the index (docs/graph.md); uniqueness fails if duplicates exist already.
      await graph.patch(
        `${columns}/${found.id}`,
        { indexed: true, ...(column.enforceUniqueValues ? { enforceUniqueValues: true } : {}) },
        { op: `index column ${spec.key}.${column.name}` },
      );
      created.push(`${spec.displayName}.${column.name} (index)`);
    }
  }
  return created;
}
