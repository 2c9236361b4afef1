/**
 * List item helpers shared by tickets and contacts: finding one item by an indexed unique column,
 * and creating with "the unique column already has it" turned into "return the existing item".
 */
import { PermanentError, TransientError } from '../errors';
import { isBadRequest, isConflict, isUniqueViolation } from './graphCallError';
import type { Graph } from './graph';
import { fieldEquals } from './odata';

/** Where items of one list live. */
export interface ListRef {
  graph: Graph;
  siteId: string;
  listId: string;
}

export interface GraphItem {
  id: string;
  webUrl?: string;
  fields?: Record<string, unknown>;
}

export const itemsPath = (list: ListRef): string =>
  `/sites/${list.siteId}/lists/${list.listId}/items`;

/**
 * The item whose `column` equals `value`: one request. The column is indexed, so Graph needs no
 * `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly` and it keeps working past 5,000 items;
 * it is unique, so `$top=1` loses nothing.
 */
export async function findOne(
  list: ListRef,
  column: string,
  value: string,
  op: string,
  select: { item: string; fields?: string },
): Promise<GraphItem | undefined> {
  const query: Record<string, string> = {
    $filter: fieldEquals(column, value),
    $select: select.item,
    $top: '1',
  };
  if (select.fields) query.$expand = `fields($select=${select.fields})`;
  const page = await list.graph.get<{ value?: GraphItem[] }>(itemsPath(list), { op, query });
  return page.value?.[0];
}

// Codes after which the value may already be taken: SharePoint's unique refusal is 400
// invalidRequest (its message, which may be localised, is the only difference from other 400s),
// some paths answer 409. A re-read decides; it costs a request only on this failure path.
const maybeDuplicate = (err: unknown): boolean =>
  isUniqueViolation(err) || isConflict(err) || isBadRequest(err);

/**
 * Creates; when the unique column refuses (another delivery of the same mail, or a concurrent
 * mail from the same requester, won the race), returns what `reread` finds instead.
 */
async function createOrReread<T>(
  op: string,
  create: () => Promise<T>,
  reread: () => Promise<T | undefined>,
): Promise<T> {
  try {
    return await create();
  } catch (err) {
    if (!maybeDuplicate(err)) throw err;
    const existing = await reread();
    if (existing !== undefined) return existing;
    if (isBadRequest(err)) throw err; // a genuinely bad request: poison, no retry
    // Refused as a duplicate yet not found: let the queue retry rather than lose the mail.
    throw new TransientError('unique-conflict-unresolved', `${op}: duplicate refused, not found`, {
      cause: err,
    });
  }
}

/**
 * Creates the item with `fields` (one request) and returns `result` of it; a lost race on a
 * unique column returns what `reread` finds (createOrReread).
 */
export function createItem<T>(
  list: ListRef,
  fields: Record<string, unknown>,
  op: string,
  result: (item: GraphItem) => T,
  reread: () => Promise<T | undefined>,
): Promise<T> {
  const create = async () =>
    result(await list.graph.post<GraphItem>(itemsPath(list), { fields }, { op }));
  return createOrReread(op, create, reread);
}

/** A lookup id as Graph writes it (`XLookupId: 13`): the target item's integer id. */
export function lookupId(id: string, what: string): number {
  if (!/^\d{1,10}$/.test(id) || Number(id) < 1 || Number(id) > 2_147_483_647) {
    throw new PermanentError('invalid-lookup-id', `${what} is not a list item id`);
  }
  return Number(id);
}
