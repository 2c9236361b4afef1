/**
 * Large attachments of a draft (Outlook's upload sessions, for files of 3 to 150 MB):
 * `POST .../messages/{id}/attachments/createUploadSession {AttachmentItem}` answers 201 with a
 * pre-authenticated uploadUrl; the client PUTs the bytes there in order, `Content-Range: bytes
 * a-b/total`, at most 4 MB a PUT (the server's body cap), no Authorization header. A middle
 * fragment is 200 with the next range, the last 201 with the attachment in `Location`.
 * Outlook asks no 320 KiB multiples, unlike OneDrive. Sessions live in memory, like drive ones.
 */
import { randomBytes } from 'node:crypto';

import type { AdminDeps } from '../admin';
import { param } from '../context';
import { GraphError, badRequest, notFound } from '../errors';
import { type SimRequest, type SimResponse, header, json, jsonBody } from '../http';
import type { Store } from '../state';
import type { MailHandler } from './access';
import { findByAddress, findMessage, newExchangeId } from './mailboxes';

export const ATTACHMENT_UPLOAD_PATH = '/attachment-sessions/';

/** Graph's ceiling for an attachment uploaded by session. */
const MAX_ATTACHMENT_BYTES = 150 * 1024 * 1024;
const LIFETIME_MS = 3600_000;

interface AttachmentSession {
  address: string;
  messageId: string;
  name: string;
  contentType: string;
  size: number;
  received: Buffer[];
  next: number;
  expires: number;
}

const sessions = new WeakMap<Store, Map<string, AttachmentSession>>();
const sessionsOf = (store: Store): Map<string, AttachmentSession> => {
  if (!sessions.has(store)) sessions.set(store, new Map());
  return sessions.get(store) as Map<string, AttachmentSession>;
};

const state = (s: AttachmentSession, uploadUrl?: string): object => ({
  ...(uploadUrl ? { uploadUrl } : {}),
  expirationDateTime: new Date(s.expires).toISOString(),
  nextExpectedRanges: [`${s.next}-`],
});

export const postAttachmentSession: MailHandler = (ctx, box): SimResponse => {
  const draft = findMessage(box, param(ctx, 'message-id'));
  if (!draft.isDraft) throw new GraphError(400, 'ErrorInvalidOperation', 'Only a draft changes.');
  const item = jsonBody(ctx.req).AttachmentItem as Record<string, unknown> | undefined;
  const size = item?.size;
  if (item?.attachmentType !== 'file' || typeof item.name !== 'string' || item.name === '')
    throw badRequest('AttachmentItem needs attachmentType file and a name.');
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
    throw badRequest('AttachmentItem.size must be a positive whole number of bytes.');
  if (size > MAX_ATTACHMENT_BYTES)
    throw new GraphError(413, 'ErrorAttachmentSizeLimitExceeded', 'The attachment is too large.');
  const contentType = typeof item.contentType === 'string' ? item.contentType : undefined;
  // Unguessable: the URL is the upload's only credential.
  const id = randomBytes(24).toString('base64url');
  const session: AttachmentSession = {
    address: box.address,
    messageId: draft.id,
    name: item.name,
    contentType: contentType ?? 'application/octet-stream',
    size,
    received: [],
    next: 0,
    expires: Date.now() + LIFETIME_MS,
  };
  sessionsOf(ctx.store).set(id, session);
  return json(201, state(session, `${ctx.req.uploadBaseUrl}${ATTACHMENT_UPLOAD_PATH}${id}`));
};

function putFragment(store: Store, id: string, s: AttachmentSession, req: SimRequest): SimResponse {
  const m = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(header(req, 'content-range') ?? '');
  const [start, end, total] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  if (!m || total !== s.size || start !== s.next || end < start || end >= total)
    throw new GraphError(416, 'invalidRange', `Next expected range: ${s.next}-${s.size - 1}.`);
  if (req.body.length !== end - start + 1)
    throw badRequest('The Content-Range does not match the number of bytes sent.');
  s.received.push(req.body);
  s.next = end + 1;
  s.expires = Date.now() + LIFETIME_MS;
  if (s.next < total) return json(200, state(s));
  sessionsOf(store).delete(id);
  const found = findByAddress(store.state.tenants, s.address);
  const draft = found && findMessage(found.box, s.messageId);
  if (!found || !draft?.isDraft) throw notFound('The draft is gone.');
  const attachment = { id: newExchangeId(), name: s.name, contentType: s.contentType, size: total };
  (draft.attachments ??= []).push({
    ...attachment,
    blob: store.blobs.put(Buffer.concat(s.received)),
  });
  draft.hasAttachments = true;
  store.changed();
  const location = `${req.baseUrl}/v1.0/users('${found.box.userId}')/messages('${draft.id}')/attachments('${attachment.id}')`;
  return { status: 201, headers: { location } };
}

/** PUT (and GET) on an attachment upload URL; counted in the stats like Graph calls. */
export function handleAttachmentUpload(req: SimRequest, deps: AdminDeps): SimResponse {
  deps.stats.record(`${req.method} ${ATTACHMENT_UPLOAD_PATH}{session-id}`);
  if (header(req, 'authorization') !== undefined)
    throw new GraphError(401, 'unauthenticated', 'Upload URLs are pre-authenticated.');
  const id = req.path.slice(ATTACHMENT_UPLOAD_PATH.length);
  const s = sessionsOf(deps.store).get(id);
  if (!s || s.expires <= Date.now())
    throw notFound('The upload session was not found or has expired.');
  if (req.method === 'GET') return json(200, state(s));
  if (req.method !== 'PUT')
    throw new GraphError(405, 'methodNotAllowed', `${req.method} is not allowed.`);
  return putFragment(deps.store, id, s, req);
}
