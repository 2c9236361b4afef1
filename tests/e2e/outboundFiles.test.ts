/**
 * Big files in an agent's reply (issue 9): files under 3 MiB travel inside the MIME as long as the
 * base64 of the whole MIME, the request Graph takes, stays within 3,900,000 bytes; files from
 * 3 MiB up make the reply a draft whose files go up through upload sessions, up to 25 MiB in all;
 * a file beyond that total goes as a link to it in the body. The requester gets the same bytes.
 */
import { mailTo } from './outboundMail';
import {
  agentComment,
  agentFile,
  itemFields,
  sharedOutboundHost,
  tenantThatSends,
} from './outboundSupport';
import { mail, postMail, settings, ticketsWhen } from './support';

const host = sharedOutboundHost();
const MiB = 1 << 20;

/** Bytes that differ along the file (a misplaced or dropped fragment shows), the same every run. */
function pattern(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >>> 11)) & 0xff;
  return bytes;
}

it('when an agent attaches 4 MiB and 26 MiB files, then the first arrives attached, byte for byte, and the second as a link', async () => {
  const { tenant, support } = await tenantThatSends();
  const requester = `anna-${tenant.alias}@example.com`;
  await postMail(host.url, mail({ from: requester, to: support }), support);
  const [ticket] = await ticketsWhen(tenant, 1);
  const ticketId = ticket?.id ?? '';
  const commentId = await agentComment(tenant, ticketId, { body: '<p>The logs.</p>' });
  const logs = pattern(4 * MiB);
  await agentFile(tenant, { ticketId, commentId }, 'logs.bin', logs);
  await agentFile(tenant, { ticketId, commentId }, 'disk.img', Buffer.alloc(26 * MiB, 7));

  const sim = settings().GRAPH_BASE_URL ?? '';
  await fetch(`${sim}/_admin/stats/reset`, { method: 'POST' });
  await host.runOutbox();
  // The draft's way: an upload session on the message's attachments, then its send.
  const { byMethodAndRoute } = (await (await fetch(`${sim}/_admin/stats`)).json()) as {
    byMethodAndRoute: Record<string, number>;
  };
  const routes = Object.keys(byMethodAndRoute);
  expect(routes).toContainEqual(expect.stringMatching(/^POST .*attachments\/createUploadSession$/));
  expect(routes).toContainEqual(expect.stringMatching(/^POST .*messages\/\{[^}]+\}\/send$/));
  const reply = (await mailTo(requester)).find((m) => m.mail.subject?.startsWith('Re:'));
  expect(reply).toBeDefined();
  const files = reply?.mail.attachments ?? [];
  expect(files.map((a) => a.filename)).toEqual(['logs.bin']);
  expect(files[0]?.content.equals(logs)).toBe(true);
  expect(reply?.mail.html).toContain('disk.img');
  expect(reply?.mail.html).toMatch(/href="https:\/\/[^"]*disk\.img"/);
  expect((await itemFields(tenant, 'Comments', commentId)).MailStatus).toBe('Sent');
}, 300_000);
