/**
 * Replies from clients whose quoted history is a header block, on the local stack: the comment
 * holds only the new text, and the whole mail stays in the comment's original.eml. Older
 * Outlook ([mailto:], On Behalf Of), Hotmail's date-first block, Windows Mail in Russian, and
 * replies whose HTML part quotes what their text part leaves out (AOL, Zimbra), written after
 * the clients' real markup (dev/conformance/replyHtmlCases.ts).
 */
import { randomUUID } from 'node:crypto';

import { type ReplyHtmlCase, clientReplies } from '../../dev/conformance/replyHtmlCases';
import { collapse, visibleHtmlText } from '../../dev/conformance/visibleText';
import { download, folderItems } from './library';
import { freshTenant, sharedHost } from './setup';
import { type TestTenant, eventually, mail, postMail, readList, ticketsWhen } from './support';

const host = sharedHost();

/** The reply as the client sends it: multipart/alternative when it has a text part. */
function replyMail(to: string, inReplyTo: string, c: ReplyHtmlCase): Buffer {
  const boundary = `a-${randomUUID()}`;
  const part = (type: string, body: string): string[] => [
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
  ];
  const body = c.text
    ? [
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        ...part('text/plain', c.text),
        `--${boundary}`,
        ...part('text/html', c.html),
        `--${boundary}--`,
      ]
    : part('text/html', c.html);
  const lines = [
    'From: Anna Example <anna@example.com>',
    `To: ${to}`,
    'Subject: Re: Printer broken',
    `Message-ID: <${randomUUID()}@example.com>`,
    `In-Reply-To: ${inReplyTo}`,
    'Date: Mon, 02 Mar 2026 10:05:00 +0100',
    'MIME-Version: 1.0',
    ...body,
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

async function commentOf(tenant: TestTenant): Promise<{ id: string; body: string }> {
  const [comment] = await eventually(async () => {
    const comments = await readList(tenant, 'Comments');
    return comments.length > 0 ? comments : undefined;
  });
  return { id: comment?.id ?? '', body: String(comment?.fields.Body) };
}

const cases = [
  'Outlook 2003 ([mailto:])',
  'Outlook 2010 (On Behalf Of)',
  'Hotmail (date-first block)',
  'Windows Mail in Russian (direction marks)',
  'AOL (-----Original Message----- in HTML)',
  'Comcast (Zimbra header block)',
].map((client) => {
  const found = clientReplies.find((c) => c.client === client);
  if (!found) throw new Error(`no fixture for ${client}`);
  return found;
});

describe('a reply whose history is a header block, end to end', () => {
  it.each(cases)(
    'when $client replies, then the comment holds only the new text and original.eml all of it',
    async (c) => {
      const { tenant, support } = await freshTenant();
      const messageId = `<ticket-${randomUUID()}@example.com>`;
      await postMail(host.url, mail({ to: support, messageId }), support);
      const [ticket] = await ticketsWhen(tenant, 1);
      const raw = replyMail(support, messageId, c);
      expect((await postMail(host.url, raw, support)).status).toBe(202);

      const comment = await commentOf(tenant);
      expect(visibleHtmlText(comment.body)).toBe(collapse(c.own));
      const folder = `${ticket?.id}/${comment.id}`;
      await eventually(
        async () =>
          (await folderItems(tenant, folder)).some((f) => f.name === 'original.eml') || undefined,
      );
      expect((await download(tenant, `${folder}/original.eml`)).equals(raw)).toBe(true);
    },
  );
});
