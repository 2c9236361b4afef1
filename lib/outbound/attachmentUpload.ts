/**
 * One large file onto a draft through an Outlook upload session (docs/graph.md "Mail"): `POST
 * .../messages/{id}/attachments/createUploadSession` answers a pre-authenticated uploadUrl, and
 * the bytes go there in order with `Content-Range`, each PUT under 4 MB, no Authorization header.
 * A middle fragment is answered 200, the last 201. Outlook refuses a session for a file under
 * 3 MB (ErrorAttachmentSizeShouldNotBeLessThanMinimumSize): smaller files stay in the MIME.
 *
 * The fragments go out like the SharePoint side's (lib/sharepoint/uploadFragment.ts: node:https,
 * throttling waited out, a fragment already received looked up rather than sent again).
 */
import type { Exchange } from '../mailbox/exchange';
import { messagePath } from '../mailbox/paths';
import { graphCallError } from '../sharepoint/graphCallError';
import { FRAGMENT_UNIT, fragments } from '../sharepoint/uploadSession';
import { putFragment, send, sessionUploadUrl } from '../sharepoint/uploadFragment';
import type { OutboundAttachment } from './compose';

/** Outlook's smallest file for an upload session. */
export const UPLOAD_MIN_BYTES = 3 * 1024 * 1024;
// 10 × 320 KiB = 3.125 MiB a PUT: under Outlook's 4 MB per request.
const OUTLOOK_FRAGMENT_BYTES = 10 * FRAGMENT_UNIT;

export async function attachByUploadSession(
  exchange: Exchange,
  mailbox: string,
  draftId: string,
  file: OutboundAttachment,
): Promise<void> {
  const size = file.content.length;
  const session = await exchange.post<{ uploadUrl?: unknown }>(
    `${messagePath(mailbox, draftId)}/attachments/createUploadSession`,
    {
      AttachmentItem: {
        attachmentType: 'file',
        name: file.filename,
        size,
        ...(file.contentType ? { contentType: file.contentType } : {}),
      },
    },
    { op: 'create attachment upload session' },
  );
  const url = sessionUploadUrl(session);
  let offset = 0;
  try {
    for await (const fragment of fragments(file.content, OUTLOOK_FRAGMENT_BYTES)) {
      const sent = await putFragment(url, fragment, { offset, total: size });
      offset += fragment.length;
      // 200 for a middle fragment, 202 when uploadFragment found it already received.
      if (offset < size && (sent.status === 200 || sent.status === 202)) continue;
      if (offset === size && (sent.status === 201 || sent.status === 200)) return;
      throw fragmentFailure(sent.status);
    }
  } catch (err) {
    // Best effort: an abandoned session would hold its fragments until it expires.
    await send(url, 'DELETE').catch(() => null);
    throw err;
  }
}

function fragmentFailure(status: number): Error {
  const message = `attachment upload fragment: HTTP ${status}`;
  const f = { status, graphCode: 'unknown' };
  if (status === 404 || status === 429 || status >= 500) {
    return graphCallError(
      false,
      status === 429 ? 'graph-throttled' : 'upload-session-lost',
      message,
      f,
    );
  }
  return graphCallError(true, `graph-http-${status}`, message, f);
}
