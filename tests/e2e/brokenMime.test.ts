/**
 * Broken MIME and Outlook's containers on the local stack: a mail whose framing breaks the rules
 * keeps every attachment and shows no raw MIME in its ticket, and a winmail.dat arrives in the
 * ticket folder with the files it holds next to it.
 */
import type { TestHost } from '../support/stack';
import { outlookMsg, tnef } from '../unit/mail/containers';
import { download, folderItems } from './library';
import { freshTenant, hostAndTenant } from './setup';
import { type TestTenant, eventually, postMail, ticketsWhen } from './support';

const PDF = Buffer.from('%PDF-1.4 quarterly figures');

const crlf = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n'));

/** The folder's file names once original.eml, written last, is there. */
async function filesOf(tenant: TestTenant, id: string): Promise<string[]> {
  return eventually(async () => {
    const names = (await folderItems(tenant, id)).map((f) => f.name).sort();
    return names.includes('original.eml') ? names : undefined;
  });
}

describe('broken MIME and Outlook containers', () => {
  let host: TestHost;

  beforeAll(async () => {
    ({ host } = await hostAndTenant());
  });

  it('when boundaries carry trailing spaces and an inner multipart is never closed, then the ticket shows the text and keeps the attachment', async () => {
    const { tenant, support } = await freshTenant();
    const raw = crlf(
      'From: Ann <ann@example.com>',
      `To: ${support}`,
      'Subject: Figures',
      'Message-ID: <broken-1@example.com>',
      'Content-Type: multipart/mixed boundary="outer"',
      '',
      '--outer ',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain',
      '',
      'The figures are attached.',
      '--alt',
      'Content-Type: text/html',
      '',
      '<p>The figures are attached.</p>',
      '--outer\t',
      'Content-Type: application/pdf; name="figures.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      PDF.toString('base64'),
      '--outer--',
      '',
    );
    expect((await postMail(host.url, raw, support)).status).toBe(202);
    const [ticket] = await ticketsWhen(tenant, 1);
    const body = String(ticket?.fields.Body);
    expect(body).toContain('The figures are attached.');
    expect(body).not.toMatch(/--outer|Content-Type|JVBERi0/);
    const id = ticket?.id ?? '';
    expect(await filesOf(tenant, id)).toEqual(['figures.pdf', 'original.eml']);
    expect((await download(tenant, `${id}/figures.pdf`)).equals(PDF)).toBe(true);
  });

  it('when a mail carries winmail.dat, then its files and an attached .msg are unpacked next to it', async () => {
    const { tenant, support } = await freshTenant();
    const msg = outlookMsg({ subject: 'Approval', body: 'Approved.', files: [] });
    const winmail = tnef({ text: 'Figures and approval attached.' }, [
      { title: 'FIGURE~1.PDF', longName: 'Figures Q3.pdf', mime: 'application/pdf', content: PDF },
      { title: 'Approval.msg', content: msg },
    ]);
    const raw = crlf(
      'From: Ann <ann@example.com>',
      `To: ${support}`,
      'Subject: Figures',
      'Message-ID: <tnef-1@example.com>',
      'Content-Type: multipart/mixed; boundary="m"',
      '',
      '--m',
      'Content-Type: application/ms-tnef; name="winmail.dat"',
      'Content-Transfer-Encoding: base64',
      '',
      winmail.toString('base64'),
      '--m--',
      '',
    );
    expect((await postMail(host.url, raw, support)).status).toBe(202);
    const [ticket] = await ticketsWhen(tenant, 1);
    expect(String(ticket?.fields.Body)).toContain('Figures and approval attached.');
    const id = ticket?.id ?? '';
    expect(await filesOf(tenant, id)).toEqual(
      ['Approval.msg', 'Approval.txt', 'Figures Q3.pdf', 'original.eml', 'winmail.dat'].sort(),
    );
    expect((await download(tenant, `${id}/Figures Q3.pdf`)).equals(PDF)).toBe(true);
    expect((await download(tenant, `${id}/Approval.txt`)).toString()).toBe('Approved.');
  });
});
