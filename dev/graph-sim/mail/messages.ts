/**
 * Message routes: a folder's messages (newest first, `$select`, `$top`/`$skip`, a narrow
 * `$filter`), one message, its MIME (`$value`), marking it (PATCH isRead/categories only) and
 * moving it. Exchange moves by copy and delete, so the default id changes on every move; the
 * immutable id (`Prefer: IdType="ImmutableId"`) stays (docs/graph.md "Exchange Online").
 */
import { readHeaderSection } from '../../../lib/mail/envelope';
import { type GraphContext, param, queryOption } from '../context';
import { GraphError } from '../errors';
import { type SimResponse, json, jsonBody } from '../http';
import { nowIso } from '../state';
import { type MailHandler, wantsImmutableIds } from './access';
import { MESSAGE_PROPERTIES, messageJson, parseSelect, pick } from './json';
import { findFolder, findMessage, newExchangeId, recordChange, touch } from './mailboxes';
import type { MailboxState, MessageState } from './model';
import { newestFirst, pageOf, parseMessageFilter } from './query';

const MESSAGE_TYPE = 'microsoft.graph.message';

/** Writable only while a message is a draft; every message here was received. */
const DRAFT_ONLY = new Set([
  'subject',
  'body',
  'replyTo',
  'internetMessageId',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'from',
  'sender',
]);

function shown(ctx: GraphContext, m: MessageState): object {
  const select = parseSelect(queryOption(ctx, 'select'), MESSAGE_PROPERTIES, MESSAGE_TYPE);
  const full = messageJson(m, wantsImmutableIds(ctx));
  if (select?.includes('internetMessageHeaders')) {
    const head = readHeaderSection(ctx.store.blobs.get(m.blob));
    full.internetMessageHeaders = head.ok ? head.fields : [];
  }
  return pick(full, select);
}

export const getFolderMessages: MailHandler = (ctx, box) => {
  const folder = findFolder(box, param(ctx, 'folder-id'));
  const filter = parseMessageFilter(queryOption(ctx, 'filter'));
  const inside = box.messages
    .filter((m) => m.folderId === folder.id && (!filter || filter(m)))
    .sort(newestFirst);
  const page = pageOf(ctx, inside);
  return json(200, { ...page, value: page.value.map((m) => shown(ctx, m)) });
};

export const getMessage: MailHandler = (ctx, box) =>
  json(200, shown(ctx, findMessage(box, param(ctx, 'message-id'))));

export const getMessageValue: MailHandler = (ctx, box) => {
  const message = findMessage(box, param(ctx, 'message-id'));
  return {
    status: 200,
    raw: { data: ctx.store.blobs.get(message.blob), contentType: 'message/rfc822' },
  };
};

const unreadable = (message: string): GraphError => new GraphError(400, 'RequestBodyRead', message);

export const patchMessage: MailHandler = (ctx, box) => {
  const message = findMessage(box, param(ctx, 'message-id'));
  const body = jsonBody(ctx.req);
  for (const [key, value] of Object.entries(body)) {
    if (key === 'isRead') {
      if (typeof value !== 'boolean') throw unreadable('isRead must be a boolean.');
    } else if (key === 'categories') {
      if (!Array.isArray(value) || !value.every((c) => typeof c === 'string'))
        throw unreadable('categories must be an array of strings.');
    } else if (DRAFT_ONLY.has(key)) {
      throw new GraphError(
        400,
        'ErrorInvalidPropertyUpdateSentMessage',
        'Update operation is not supported for this property on a sent message.',
      );
    } else {
      throw unreadable(
        `The property '${key}' does not exist on type '${MESSAGE_TYPE}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
  }
  if (typeof body.isRead === 'boolean') message.isRead = body.isRead;
  if (Array.isArray(body.categories)) message.categories = [...(body.categories as string[])];
  touch(message, nowIso());
  recordChange(box, message, 'updated');
  ctx.store.changed();
  return json(200, shown(ctx, message));
};

/** Moves a message (immutable id kept, default id new) and tells listeners it arrived. */
export function moveMessage(
  ctx: GraphContext,
  box: MailboxState,
  message: MessageState,
  folderId: string,
): void {
  recordChange(box, message, 'out');
  message.folderId = folderId;
  message.restId = newExchangeId();
  touch(message, nowIso());
  recordChange(box, message, 'in');
  ctx.store.changed();
  const tenantId = ctx.claims.tid;
  ctx.store.mail.emit('created', { tenantId, userId: box.userId, folderId, messageId: message.id });
}

export const postMove: MailHandler = (ctx, box): SimResponse => {
  const message = findMessage(box, param(ctx, 'message-id'));
  const body = jsonBody(ctx.req);
  const destination = body.destinationId ?? body.DestinationId;
  if (typeof destination !== 'string' || destination === '')
    throw unreadable('destinationId is required.');
  moveMessage(ctx, box, message, findFolder(box, destination).id);
  return json(201, shown(ctx, message));
};
