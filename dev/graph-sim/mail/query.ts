/**
 * The query options mail collections take: `$top`/`$skip` paging with an absolute nextLink, and
 * the few `$filter` forms Exchange accepts for what the service asks (`receivedDateTime ge|gt`,
 * `internetMessageId eq`); any other filter is refused, as Exchange refuses most.
 */
import { type GraphContext, queryOption, topOption } from '../context';
import { GraphError } from '../errors';
import type { MessageState } from './model';

/** Exchange's default page for messages and folders is 10; `$top` goes up to 1000. */
export const DEFAULT_PAGE = 10;
export const MAX_PAGE = 1000;

export type MessageFilter = (m: MessageState) => boolean;

const RECEIVED = /^receivedDateTime\s+(ge|gt)\s+(\S+)$/i;
const MESSAGE_ID = /^internetMessageId\s+eq\s+'((?:[^']|'')*)'$/i;

export function parseMessageFilter(raw: string | undefined): MessageFilter | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const received = RECEIVED.exec(raw.trim());
  if (received) {
    const at = Date.parse(received[2] ?? '');
    if (Number.isNaN(at)) throw invalidFilter();
    const gt = received[1]?.toLowerCase() === 'gt';
    return (m) => (gt ? Date.parse(m.receivedDateTime) > at : Date.parse(m.receivedDateTime) >= at);
  }
  const messageId = MESSAGE_ID.exec(raw.trim());
  if (messageId) {
    const wanted = (messageId[1] ?? '').replace(/''/g, "'");
    return (m) => m.internetMessageId === wanted;
  }
  throw invalidFilter();
}

const invalidFilter = (): GraphError =>
  new GraphError(
    400,
    'ErrorInvalidUrlQueryFilter',
    'The query filter contains one or more invalid nodes.',
  );

/** Newest first, as Exchange lists a folder. */
export const newestFirst = (a: MessageState, b: MessageState): number =>
  b.receivedDateTime.localeCompare(a.receivedDateTime);

/** One page of a collection, with a nextLink that repeats the request's options but `$skip`. */
export function pageOf<T>(ctx: GraphContext, all: T[]): { value: T[]; '@odata.nextLink'?: string } {
  const top = topOption(ctx, DEFAULT_PAGE, MAX_PAGE);
  const rawSkip = queryOption(ctx, 'skip') ?? '0';
  if (!/^\d+$/.test(rawSkip))
    throw new GraphError(400, 'BadRequest', `Invalid value '${rawSkip}' for $skip query option.`);
  const skip = Number(rawSkip);
  const value = all.slice(skip, skip + top);
  if (skip + top >= all.length) return { value };
  const next = new URLSearchParams(ctx.req.query);
  next.delete('skip');
  next.set('$skip', String(skip + top));
  if (!next.has('$top') && !next.has('top')) next.set('$top', String(top));
  return { value, '@odata.nextLink': `${ctx.req.baseUrl}${ctx.req.path}?${next.toString()}` };
}
