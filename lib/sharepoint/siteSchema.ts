/**
 * Reads a site's lists and what they hold of the schema: validateHelpdesk at the first open of a
 * tenant's site (two Graph requests), and the same reading after provisioning. A site without the
 * schema is a PermanentError (validate.ts); one without what was added later works without it.
 */
import { PermanentError } from '../errors';
import { isNotFound } from './graphCallError';
import type { Graph } from './graph';
import { sitePathFromUrl } from './odata';
import {
  HELPDESK_LISTS,
  type ListIds,
  MAIL_HASH,
  MAIL_LOG_LIST,
  MAIL_TEMPLATES_LIST,
  OUTBOX_COLUMNS,
} from './schema';
import { mailStatusComplete } from './schemaUpgrade';
import { type GraphList, checkSchema, findList, optionalListUsable } from './validate';

export interface HelpdeskIds {
  siteId: string;
  lists: ListIds;
  /** Tickets and Comments keep mail fingerprints (a site provisioned before them does not). */
  mailHash: boolean;
  /** Tickets and Comments have the outbox columns (MailStatus, SentAt, MessageId), with every status. */
  outbox: boolean;
  /** The Mail Templates list, when the site has it; without it the default texts apply. */
  templates?: string;
  /**
   * The Mail Log list, when the site has it complete; without it, mail that does not become a
   * ticket is only logged (docs/mail-log.md).
   */
  mailLog?: string;
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
  return helpdeskIds(siteId, await readLists(graph, siteId));
}

/** What a site's lists (as read) give the service: their ids, and which later columns they have. */
export function helpdeskIds(siteId: string, lists: GraphList[]): HelpdeskIds {
  const templates = findList(lists, MAIL_TEMPLATES_LIST)?.id;
  const ids = checkSchema(lists);
  const mailLog = optionalListUsable(lists, MAIL_LOG_LIST, ids);
  return {
    siteId,
    lists: ids,
    mailHash: hasColumns(lists, [MAIL_HASH]),
    outbox: hasColumns(lists, OUTBOX_COLUMNS) && mailStatusComplete(lists),
    ...(templates ? { templates } : {}),
    ...(mailLog ? { mailLog } : {}),
  };
}

/**
 * Whether every list whose schema has these columns has them all. Until provisioning runs again
 * on a site provisioned before them, the site works as it did without them.
 */
function hasColumns(lists: GraphList[], names: readonly string[]): boolean {
  return HELPDESK_LISTS.every((spec) =>
    spec.columns
      .filter((c) => names.includes(c.name))
      .every((c) => findList(lists, spec)?.columns?.some((f) => f.name === c.name) === true),
  );
}
