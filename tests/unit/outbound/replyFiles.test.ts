import type { LibraryFile } from '../../../lib/sharepoint/libraryTypes';
import { UPLOAD_MIN_BYTES } from '../../../lib/outbound/attachmentUpload';
import type { OutboxMail } from '../../../lib/outbound/outboxContext';
import { composeWithFiles } from '../../../lib/outbound/replyFiles';
import { requestBytes } from '../../../lib/outbound/mimeSize';
import { parseMail } from '../../../lib/mail/parse';
import { FakeOutboxSite } from './outboxFakes';

const MiB = 1024 * 1024;

function withFiles(sizes: Record<string, number>) {
  const site = new FakeOutboxSite();
  const files: LibraryFile[] = Object.entries(sizes).map(([name, size]) => ({
    id: name,
    name,
    size,
    webUrl: `https://contoso.sharepoint.com/${name}`,
  }));
  site.files.set(
    '7/30',
    files.map((file) => ({ file, content: Buffer.alloc(file.size, 0x61) })),
  );
  const mail: OutboxMail = {
    mailbox: 'support@contoso.com',
    spec: {
      from: { address: 'support@contoso.com' },
      to: [{ address: 'ada@customer.example' }],
      subject: 'Re: [#7] x',
      html: '<p>reply</p>',
    },
    files,
  };
  return { library: site.library, mail };
}

const compose = (w: ReturnType<typeof withFiles>, inlineBytes: number, attachBytes: number) =>
  composeWithFiles(w.mail, '<r@contoso.com>', w.library, { inlineBytes, attachBytes }, 'en');

describe('composeWithFiles', () => {
  it('puts every file in the MIME when the mail fits one request', async () => {
    const w = withFiles({ 'a.txt': 10, 'b.txt': 20 });
    const { mail, uploads } = await compose(w, 3 * MiB, 25 * MiB);
    expect(uploads).toEqual([]);
    const got = await parseMail(mail.raw);
    expect(got.attachments.map((a) => a.filename)).toEqual(['a.txt', 'b.txt']);
    expect(mail.messageId).toBe('<r@contoso.com>');
  });

  it('sends files from 3 MiB up by upload session and keeps the small ones in the MIME', async () => {
    const w = withFiles({ 'scan.pdf': UPLOAD_MIN_BYTES + 1, 'a.txt': 10 });
    const { mail, uploads } = await compose(w, 3 * MiB, 25 * MiB);
    expect(uploads.map((u) => [u.filename, u.content.length])).toEqual([
      ['scan.pdf', UPLOAD_MIN_BYTES + 1],
    ]);
    expect((await parseMail(mail.raw)).attachments.map((a) => a.filename)).toEqual(['a.txt']);
    expect(requestBytes(mail.raw.length)).toBeLessThanOrEqual(3 * MiB);
  });

  it('links the largest small files that do not fit the MIME, and those past the total', async () => {
    const w = withFiles({ 'a.bin': 1000, 'b.bin': 4000, 'c.bin': 9000 });
    // b.bin fits the total but not the request; c.bin passes the total.
    const { mail, uploads } = await compose(w, 10_000, 6000);
    expect(uploads).toEqual([]);
    const got = await parseMail(mail.raw);
    expect(got.attachments.map((a) => a.filename)).toEqual(['a.bin']);
    expect(got.html).toContain('Files too large to attach:');
    expect(got.html).toContain('<a href="https://contoso.sharepoint.com/b.bin">b.bin</a>');
    expect(got.html).toContain('<a href="https://contoso.sharepoint.com/c.bin">c.bin</a>');
  });
});
