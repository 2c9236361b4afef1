/**
 * composeWithFiles against the size of one Graph request (review findings 5 and 6): the files
 * that fit are chosen by arithmetic and the mail composed once, however many files there are;
 * the limit falls on the base64 of the MIME, which is what sendMail's body is.
 */
import type { LibraryFile } from '../../../lib/sharepoint/libraryTypes';
import { type MailSpec, composeMail } from '../../../lib/outbound/compose';
import { base64Bytes, requestBytes } from '../../../lib/outbound/mimeSize';
import { OUTBOX_DEFAULTS } from '../../../lib/outbound/outbox';
import type { OutboxMail } from '../../../lib/outbound/outboxContext';
import { MAX_ATTACHED_FILES, composeWithFiles } from '../../../lib/outbound/replyFiles';
import { parseMail } from '../../../lib/mail/parse';
import { FakeOutboxSite } from './outboxFakes';

function withFiles(files: { name: string; size: number }[]) {
  const site = new FakeOutboxSite();
  const library: LibraryFile[] = files.map(({ name, size }) => ({
    id: name,
    name,
    size,
    webUrl: `https://contoso.sharepoint.com/f/${name}`,
  }));
  site.files.set(
    '7/30',
    library.map((file, i) => ({ file, content: Buffer.alloc(file.size, 0x61 + (i % 26)) })),
  );
  const mail: OutboxMail = {
    mailbox: 'support@contoso.com',
    spec: {
      from: { address: 'support@contoso.com' },
      to: [{ address: 'ada@customer.example', name: 'Ada' }],
      subject: 'Re: [#7] Printer',
      html: '<p>Here are the files.</p>',
    },
    files: library,
  };
  return { site, mail };
}

/** The real composer, counted; `pad` bytes added to what it builds when the mail has files. */
function counted(pad = 0) {
  const calls: MailSpec[] = [];
  const compose = async (spec: MailSpec) => {
    calls.push(spec);
    const built = await composeMail(spec);
    if (!pad || !spec.attachments?.length) return built;
    return { ...built, raw: Buffer.concat([built.raw, Buffer.alloc(pad, 0x20)]) };
  };
  return { calls, compose };
}

/** The files composed with the default limits, through the counted composer. */
async function withDefaults(files: { name: string; size: number }[]) {
  const { site, mail } = withFiles(files);
  const { calls, compose } = counted();
  const got = await composeWithFiles(
    mail,
    '<r@contoso.com>',
    site.library,
    OUTBOX_DEFAULTS,
    'en',
    compose,
  );
  return { calls, got };
}

const named = (count: number, size: number) =>
  Array.from({ length: count }, (_, i) => ({ name: `f${String(i).padStart(4, '0')}.txt`, size }));

describe('composeWithFiles and the size of one request', () => {
  it(`when a reply has 1,000 small files, then it is composed once with ${MAX_ATTACHED_FILES} attached and the rest as links`, async () => {
    // 30 MB in all: more than attachBytes, and composed file by file, minutes of CPU.
    const { calls, got } = await withDefaults(named(1000, 30_000));
    expect(calls).toHaveLength(1);
    expect(got.uploads).toEqual([]);
    const parsed = await parseMail(got.mail.raw);
    expect(parsed.attachments).toHaveLength(MAX_ATTACHED_FILES);
    expect(parsed.html).toContain('f0999.txt</a>');
    expect(parsed.html).not.toContain('f0000.txt</a>');
    expect(requestBytes(got.mail.raw.length)).toBeLessThanOrEqual(OUTBOX_DEFAULTS.inlineBytes);
  });

  it('when the inline files fill most of a request, then its base64 stays under inlineBytes', async () => {
    // 40 files of 70,000 bytes: 2.8 MB of MIME would pass a limit on the MIME, not on its base64.
    const { calls, got } = await withDefaults(named(40, 70_000));
    expect(calls).toHaveLength(1);
    const size = requestBytes(got.mail.raw.length);
    expect(size).toBeLessThanOrEqual(OUTBOX_DEFAULTS.inlineBytes);
    // No room for one file more: its part alone would take the request over.
    expect(requestBytes(got.mail.raw.length + base64Bytes(70_000))).toBeGreaterThan(
      OUTBOX_DEFAULTS.inlineBytes,
    );
    expect((await parseMail(got.mail.raw)).attachments.length).toBeLessThan(40);
  });

  it('when a file would take the base64 just over the limit it is a link; just under, it is attached', async () => {
    const limit = 100_000;
    const config = { inlineBytes: limit, attachBytes: OUTBOX_DEFAULTS.attachBytes };
    const attachedAt = async (size: number) => {
      const { site, mail } = withFiles([{ name: 'scan.pdf', size }]);
      const got = await composeWithFiles(mail, '<r@contoso.com>', site.library, config, 'en');
      expect(requestBytes(got.mail.raw.length)).toBeLessThanOrEqual(limit);
      return (await parseMail(got.mail.raw)).attachments.length;
    };
    // 56,000 bytes are 76,600 of base64 in the MIME, and that MIME 102,000 in the request; 50,000
    // bytes leave the mail around them room to fit.
    expect(await attachedAt(50_000)).toBe(1);
    expect(await attachedAt(56_000)).toBe(0);
  });

  it('when the composed mail is larger than estimated, then the largest inline file becomes a link and it is composed again', async () => {
    const { site, mail } = withFiles([
      { name: 'a.txt', size: 1000 },
      { name: 'b.txt', size: 2000 },
      { name: 'c.txt', size: 3000 },
    ]);
    // 9,000 bytes the estimate cannot know of, on top of a mail that fits 20,000 by arithmetic.
    const { calls, compose } = counted(9000);
    const config = { inlineBytes: 20_000, attachBytes: OUTBOX_DEFAULTS.attachBytes };
    await composeWithFiles(mail, '<r@contoso.com>', site.library, config, 'en', compose);
    expect(calls.map((c) => c.attachments?.map((a) => a.filename))).toEqual([
      ['a.txt', 'b.txt', 'c.txt'],
      ['a.txt', 'b.txt'],
    ]);
    expect(calls[1]?.html).toContain('c.txt</a>');
  });
});
