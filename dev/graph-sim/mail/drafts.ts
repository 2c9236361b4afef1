/**
 * Drafts: `POST /users/{u}/messages` (Mail.ReadWrite) makes one in Drafts from base64 MIME
 * (`Content-Type: text/plain`) or from a JSON message, 201 with the message; `POST
 * /users/{u}/messages/{id}/send` (Mail.Send) sends it as sendMail does (send.ts) and moves it
 * to Sent Items, keeping its immutable id: Microsoft's documented way to find the sent copy is
 * to GET that id. The raw MIME gets its Message-ID at creation, so the draft's internetMessageId
 * is the one recipients see; files uploaded to the draft (draftsUpload.ts) are attached when it
 * is sent (draftsMime.ts). Sending a message that is no draft is refused with 400
 * ErrorInvalidOperation (the simulator's choice: Graph documents no answer).
 */
import { param } from '../context';
import { GraphError } from '../errors';
import { type SimResponse, header, json, jsonBody } from '../http';
import { type MailHandler, wantsImmutableIds } from './access';
import { deliver } from './deliver';
import { messageJson } from './json';
import { findFolder, findMessage } from './mailboxes';
import { moveMessage } from './messages';
import { withAttachments } from './draftsMime';
import { dispatch, readOutgoing } from './send';
import { composeJson, mimeInput } from './sendInput';

export const postDraft: MailHandler = async (ctx, box): Promise<SimResponse> => {
  const given = /^text\/plain\b/i.test(header(ctx.req, 'content-type') ?? '')
    ? mimeInput(ctx.req.body)
    : await composeJson(box, jsonBody(ctx.req));
  const draft = deliver(ctx.store, ctx.claims.tid, box, readOutgoing(given).raw, 'drafts');
  draft.isDraft = true;
  draft.isRead = true;
  return json(201, messageJson(draft, wantsImmutableIds(ctx)));
};

export const postSendDraft: MailHandler = async (ctx, box): Promise<SimResponse> => {
  const draft = findMessage(box, param(ctx, 'message-id'));
  if (!draft.isDraft)
    throw new GraphError(400, 'ErrorInvalidOperation', 'Only a draft can be sent.');
  const raw = ctx.store.blobs.get(draft.blob);
  const full = await withAttachments(raw, draft.attachments ?? [], ctx.store.blobs);
  dispatch(ctx, box, full, false);
  // The sent copy's $value is the message as sent, files included.
  if (full !== raw) {
    draft.blob = ctx.store.blobs.put(full);
    draft.size = full.length;
  }
  draft.isDraft = false;
  moveMessage(ctx, box, draft, findFolder(box, 'sentitems').id);
  return { status: 202 };
};
