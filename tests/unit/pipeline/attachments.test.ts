import { TransientError } from '../../../lib/errors';
import { parseMail } from '../../../lib/mail/parse';
import { ticketDraft } from '../../../lib/mail/ticketDraft';
import { runPipeline } from '../../../lib/pipeline/runner';
import { attachments, filesInput } from '../../../lib/pipeline/stages/attachments';
import type { AuthoredMail } from '../../../lib/pipeline/stages/parse';
import { type Ctx, filesPath, ticketAndFiles } from './filesFlow';
import { aWorld, anAdmitted } from './stages/support';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
const PDF = Buffer.from('%PDF-1.4 a small document');

const RAW = Buffer.from(
  [
    'From: Ann <ann@example.com>',
    'To: support@contoso.com',
    'Subject: Screenshot',
    'Message-ID: <files-1@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="m"',
    '',
    '--m',
    'Content-Type: multipart/related; boundary="r"',
    '',
    '--r',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>See <img src="cid:shot@x"></p>',
    '--r',
    'Content-Type: image/png',
    'Content-ID: <shot@x>',
    'Content-Transfer-Encoding: base64',
    '',
    PNG.toString('base64'),
    '--r--',
    '--m',
    'Content-Type: application/pdf; name="Report.PDF"',
    'Content-Disposition: attachment; filename="Report.PDF"',
    'Content-Transfer-Encoding: base64',
    '',
    PDF.toString('base64'),
    '--m',
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Disposition: attachment; filename="report.pdf"',
    '',
    'second',
    '--m--',
    '',
  ].join('\r\n'),
);

async function setUp(w = aWorld()): Promise<{ w: ReturnType<typeof aWorld>; ctx: Ctx }> {
  const mail = (await parseMail(RAW)) as AuthoredMail;
  const admitted = { ...anAdmitted(mail, w.site), raw: RAW };
  const requester = await w.site.ensureContact('ann@example.com', 'Ann');
  return { w, ctx: { admitted, requester } };
}

describe('attachments stage', () => {
  it('when a ticket is written, then its files and original.eml are in its folder and the inline image points at its file', async () => {
    const { w, ctx } = await setUp();
    const result = await runPipeline(w.deps, filesPath(ctx));
    expect(result.outcome).toBe('ticket-created');
    const id = ctx.ticket?.id ?? '';
    const files = w.site.library.files;
    expect([...files.keys()]).toEqual([
      `${id}/image.png`,
      `${id}/Report.PDF`,
      `${id}/report 1.pdf`,
      `${id}/original.eml`,
    ]);
    expect(files.get(`${id}/image.png`)?.equals(PNG)).toBe(true);
    expect(files.get(`${id}/Report.PDF`)?.equals(PDF)).toBe(true);
    expect(files.get(`${id}/original.eml`)?.equals(RAW)).toBe(true);
    const url = `https://contoso.sharepoint.com/lib/${id}/image.png`;
    expect(w.site.tickets[0]?.body).toBe(`<p>See <img src="${url}" /></p>`);
    expect(w.log.events.find((e) => e.event === 'mail.files')).toMatchObject({
      stored: 4,
      refused: [],
      inlineImages: true,
    });
  });

  it('when the mail became a comment, then its files go to the comment folder inside the ticket folder', async () => {
    const { w, ctx } = await setUp();
    const written = await w.site.createComment({
      ticketId: '12',
      title: 'Re',
      body: '<p>See <img src="cid:shot@x" /></p>',
      senderId: undefined,
      mailKey: 'reply-key',
      autoReply: false,
    });
    const into = { ticketId: '12', commentId: written.id };
    const body = () => ticketDraft(ctx.admitted.mail, { reply: true }).body;
    await runPipeline(w.deps, async (run) => {
      await run.step(attachments, { ...filesInput(ctx.admitted, into, body), existed: false });
      return 'done';
    });
    const folder = `12/${written.id}`;
    expect([...w.site.library.files.keys()]).toContain(`${folder}/original.eml`);
    expect([...w.site.library.files.keys()]).toContain(`${folder}/image.png`);
    expect(w.site.comments[0]?.body).toContain(`/lib/${folder}/image.png"`);
  });

  it('when the uploads fail after the ticket was written, then the queue retries and the redelivery finishes the files', async () => {
    const { w, ctx } = await setUp();
    w.site.library.failWith = new TransientError('graph-throttled', 'throttled');
    const first = await runPipeline(w.deps, filesPath(ctx));
    expect(first.failure).toMatchObject({ kind: 'retry', stage: 'attachments' });
    expect(w.site.tickets).toHaveLength(1);

    w.site.library.failWith = undefined;
    const { ctx: again } = await setUp(w);
    const second = await runPipeline(w.deps, filesPath(again));
    expect(second).toMatchObject({ outcome: 'duplicate' });
    // A plain mail is not looked up first: the refused ticket write finds it (dedupe.ts).
    expect(second.trace.map((t) => [t.stage, t.code])).toEqual([
      ['dedupe', 'write-decides'],
      ['resume-files', undefined],
      ['ticket', 'files-missing'],
      ['attachments', 'files-resumed'],
    ]);
    expect(w.site.tickets).toHaveLength(1);
    expect(w.site.library.files.has(`${w.site.tickets[0]?.id}/original.eml`)).toBe(true);
    expect(w.removed).toEqual(['b1']);
  });

  it('when the files were finished, then a redelivery is a plain duplicate', async () => {
    const { w, ctx } = await setUp();
    await runPipeline(w.deps, filesPath(ctx));
    const { ctx: again } = await setUp(w);
    const second = await runPipeline(w.deps, filesPath(again));
    expect(second.outcome).toBe('duplicate');
    expect(second.trace.map((t) => t.stage)).toEqual(['dedupe', 'resume-files', 'ticket']);
  });
});

describe('attached mails and winmail.dat', () => {
  const TNEF = Buffer.from('789f3e22000000000000', 'hex');
  const INNER = 'From: Bob <bob@example.com>\r\nSubject: Original order\r\n\r\nThe order.\r\n';
  const raw = Buffer.from(
    [
      'From: Ann <ann@example.com>',
      'To: support@contoso.com',
      'Subject: Forwarded',
      'Message-ID: <files-2@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="m"',
      '',
      '--m',
      'Content-Type: text/plain',
      '',
      'See the attached mails.',
      '--m',
      'Content-Type: application/ms-tnef; name="winmail.dat"',
      'Content-Disposition: attachment; filename="winmail.dat"',
      'Content-Transfer-Encoding: base64',
      '',
      TNEF.toString('base64'),
      '--m',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment',
      '',
      INNER,
      '--m',
      'Content-Type: application/vnd.ms-outlook; name="meeting.msg"',
      'Content-Disposition: attachment; filename="meeting.msg"',
      '',
      'msg bytes',
      '--m--',
      '',
    ].join('\r\n'),
  );

  it('when a mail carries winmail.dat, an attached mail and a .msg, then each is kept as a file', async () => {
    const w = aWorld();
    const mail = (await parseMail(raw)) as AuthoredMail;
    const ctx: Ctx = {
      admitted: { ...anAdmitted(mail, w.site), raw },
      requester: await w.site.ensureContact('ann@example.com', 'Ann'),
    };
    await runPipeline(w.deps, (run) => ticketAndFiles(run, ctx));
    const id = ctx.ticket?.id ?? '';
    const files = w.site.library.files;
    expect([...files.keys()].sort()).toEqual(
      [
        `${id}/Original order.eml`,
        `${id}/meeting.msg`,
        `${id}/original.eml`,
        `${id}/winmail.dat`,
      ].sort(),
    );
    expect(files.get(`${id}/winmail.dat`)?.equals(TNEF)).toBe(true);
    expect(files.get(`${id}/Original order.eml`)?.toString()).toContain('The order.');
  });
});
