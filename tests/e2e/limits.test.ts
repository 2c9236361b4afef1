/**
 * Hostile shapes within the limits on the local stack: a mail with 200 attachments and one with a
 * 30-level nested MIME tree are handled (a ticket, every file in its folder), and the host still
 * answers /api/health and processes the next mail.
 */
import { randomUUID } from 'node:crypto';

import type { TestHost } from '../support/stack';
import { folderItems, mimeMail } from './library';
import { freshTenant, hostAndTenant } from './setup';
import { type TestTenant, eventually, mail, postMail, ticketsWhen } from './support';

function nestedMail(to: string, depth: number): Buffer {
  const lines = [
    'From: Anna Example <anna@example.com>',
    `To: ${to}`,
    'Subject: Nested',
    `Message-ID: <${randomUUID()}@example.com>`,
    'MIME-Version: 1.0',
  ];
  // The root counts as level 1; levels 1..depth-1 are containers, the leaves sit at `depth`.
  for (let level = 1; level < depth; level++) {
    lines.push(`Content-Type: multipart/mixed; boundary="b${level}"`, '', `--b${level}`);
  }
  lines.push('Content-Type: text/plain', '', 'Deep inside.', `--b${depth - 1}`);
  lines.push(
    'Content-Type: text/plain; name="deep.txt"',
    'Content-Disposition: attachment; filename="deep.txt"',
    '',
    'the deepest file',
  );
  for (let level = depth - 1; level >= 1; level--) lines.push(`--b${level}--`);
  return Buffer.from(lines.join('\r\n'));
}

describe('mails at the limits', () => {
  let host: TestHost;
  let tenant: TestTenant;
  let support: string;

  beforeAll(async () => {
    ({ host, tenant, support } = await hostAndTenant());
  });

  it('when a mail carries 200 attachments, then the ticket folder holds all 200 and original.eml', async () => {
    const parts = Array.from({ length: 200 }, (_, i) => ({
      type: 'text/plain',
      name: `note-${String(i).padStart(3, '0')}.txt`,
      data: Buffer.from(`note ${i}\n`.repeat(20)),
    }));
    const raw = mimeMail({ to: support, subject: 'Many files', parts });
    expect((await postMail(host.url, raw, support)).status).toBe(202);
    const [ticket] = await ticketsWhen(tenant, 1, 90_000);
    const files = await eventually(async () => {
      const items = await folderItems(tenant, ticket?.id ?? '');
      return items.length === 201 ? items : undefined;
    }, 90_000);
    expect(files.find((f) => f.name === 'note-199.txt')?.size).toBe(parts[199]?.data.length);
    expect(files.some((f) => f.name === 'original.eml')).toBe(true);
  });

  it('when a mail nests its MIME tree 30 levels deep, then it becomes a ticket with its file and the host goes on', async () => {
    const { tenant: other, support: address } = await freshTenant();
    expect((await postMail(host.url, nestedMail(address, 30), address)).status).toBe(202);
    const [ticket] = await ticketsWhen(other, 1);
    expect(String(ticket?.fields.Body)).toContain('Deep inside.');
    const names = await eventually(async () => {
      const items = (await folderItems(other, ticket?.id ?? '')).map((f) => f.name).sort();
      return items.length === 2 ? items : undefined;
    });
    expect(names).toEqual(['deep.txt', 'original.eml']);

    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
    const next = mail({ to: address, subject: 'After the deep one' });
    expect((await postMail(host.url, next, address)).status).toBe(202);
    const tickets = await ticketsWhen(other, 2);
    expect(tickets.map((t) => t.fields.Title)).toContain('After the deep one');
  });
});
