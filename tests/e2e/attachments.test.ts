/**
 * Attachments on the local stack: a mail's files arrive byte-identical in its ticket's folder of
 * the `Ticket Attachments` library (small ones through `$batch`, a 5 MB one through an upload
 * session), with original.eml beside them; an inline image is shown from the library; unsafe and
 * clashing names are made safe and unique.
 */
import { randomBytes } from 'node:crypto';

import type { TestHost } from '../support/stack';
import { download, folderItems, mimeMail } from './library';
import { freshTenant, hostAndTenant } from './setup';
import { type TestTenant, eventually, mail, postMail, readList, ticketsWhen } from './support';

const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  randomBytes(2000),
]);

describe('attachments of a mail', () => {
  let host: TestHost;
  let tenant: TestTenant;
  let support: string;

  beforeAll(async () => {
    ({ host, tenant, support } = await hostAndTenant());
  });

  it('when a mail carries a small and a 5 MB attachment, then both arrive byte-identical in the ticket folder with original.eml', async () => {
    const small = randomBytes(10_000);
    const large = randomBytes(5 * 1024 * 1024 + 12_345);
    const raw = mimeMail({
      to: support,
      parts: [
        { type: 'application/pdf', name: 'invoice.pdf', data: small },
        { type: 'application/zip', name: 'logs.zip', data: large },
      ],
    });
    expect((await postMail(host.url, raw, support)).status).toBe(202);
    const [ticket] = await ticketsWhen(tenant, 1);
    const id = ticket?.id ?? '';
    const names = async () => (await folderItems(tenant, id)).map((f) => f.name).sort();
    await expectEventually(names, ['invoice.pdf', 'logs.zip', 'original.eml']);
    expect((await download(tenant, `${id}/invoice.pdf`)).equals(small)).toBe(true);
    expect((await download(tenant, `${id}/logs.zip`)).equals(large)).toBe(true);
    expect((await download(tenant, `${id}/original.eml`)).equals(raw)).toBe(true);
  });

  it('when the HTML body shows an inline image, then its src points at the uploaded file, which is readable', async () => {
    const { tenant: other, support: address } = await freshTenant();
    const raw = mimeMail({
      to: address,
      subject: 'Screenshot',
      html: '<p>The error:</p><img src="cid:shot.png@01DA" alt="screenshot">',
      parts: [{ type: 'image/png', cid: 'shot.png@01DA', data: PNG }],
    });
    expect((await postMail(host.url, raw, address)).status).toBe(202);
    const [ticket] = await ticketsWhen(other, 1);
    const id = ticket?.id ?? '';
    const body = await expectEventually(
      async () => String((await ticketsWhen(other, 1))[0]?.fields.Body),
      expect.stringContaining('https://'),
    );
    const src = /<img[^>]*\ssrc="([^"]+)"/.exec(body)?.[1];
    const file = (await folderItems(other, id)).find((f) => f.webUrl === src);
    expect(file?.name).toBe('shot.png');
    expect((await download(other, `${id}/${file?.name}`)).equals(PNG)).toBe(true);
    expect(body).not.toContain('cid:');
  });

  it('when a reply becomes a comment, then its files and the full original are in the comment folder inside the ticket folder', async () => {
    const { tenant: other, support: address } = await freshTenant();
    const first = mail({ to: address, messageId: '<ticket-files@example.com>' });
    expect((await postMail(host.url, first, address)).status).toBe(202);
    const [ticket] = await ticketsWhen(other, 1);
    const log = Buffer.from('line\n'.repeat(100));
    const reply = mimeMail({
      to: address,
      subject: 'Re: Printer broken',
      headers: ['In-Reply-To: <ticket-files@example.com>'],
      text: 'Here is the log.\n\nOn Sunday Anna wrote:\n> It prints blank pages.',
      parts: [{ type: 'text/plain', name: 'printer.log', data: log }],
    });
    expect((await postMail(host.url, reply, address)).status).toBe(202);
    const [comment] = await eventually(async () => {
      const comments = await readList(other, 'Comments');
      return comments.length > 0 ? comments : undefined;
    });
    const folder = `${ticket?.id}/${comment?.id}`;
    const names = async () => (await folderItems(other, folder)).map((f) => f.name).sort();
    await expectEventually(names, ['original.eml', 'printer.log']);
    expect((await download(other, `${folder}/original.eml`)).equals(reply)).toBe(true);
    expect((await download(other, `${folder}/printer.log`)).equals(log)).toBe(true);
  });

  it('when attachment names are unsafe or clash ignoring case, then they are made safe and unique', async () => {
    const { tenant: other, support: address } = await freshTenant();
    const data = Buffer.from('x');
    const raw = mimeMail({
      to: address,
      parts: [
        { type: 'text/plain', name: '../../secret:file?.txt', data },
        { type: 'text/plain', name: 'Notes.TXT', data },
        { type: 'text/plain', name: 'notes.txt', data },
        { type: 'application/octet-stream', name: 'invoice\u202Efdp.exe', data },
        { type: 'message/rfc822', name: 'original.eml', data: Buffer.from('Subject: x\r\n\r\ny') },
      ],
    });
    expect((await postMail(host.url, raw, address)).status).toBe(202);
    const [ticket] = await ticketsWhen(other, 1);
    const names = async () =>
      (await folderItems(other, ticket?.id ?? '')).map((f) => f.name).sort();
    await expectEventually(
      names,
      [
        '.._.._secret_file_.txt',
        'Notes.TXT',
        'notes 1.txt',
        'invoicefdp.exe',
        'original 1.eml',
        'original.eml',
      ].sort(),
    );
  });
});

/** Polls `read` until it matches `expected` (a value or an asymmetric matcher); returns the value. */
async function expectEventually<T>(read: () => Promise<T>, expected: unknown): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await read();
    try {
      expect(value).toEqual(expected);
      return value;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
