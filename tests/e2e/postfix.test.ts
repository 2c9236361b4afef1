/**
 * Mail from the customer's own MTA: a real Postfix (a private instance, postfixInstance.ts) takes
 * mail over SMTP and pipes the helpdesk domain's mail into bin/helpdesk-mailgate.mjs, which posts
 * it to the functions host. The gate's exit codes must make Postfix deliver, queue and retry, or
 * bounce to the sender, each observed where Postfix shows it: the ticket, the queue, the bounce.
 */
import { createTransport } from 'nodemailer';

import { type TestHost, startHost } from '../support/stack';
import { type PostfixInstance, SENDER_DOMAIN, startPostfix } from './postfixInstance';
import { freshTenant } from './setup';
import { type TestTenant, eventually, readList, settings } from './support';

/** The host's MAIL_MAX_BYTES here: small, so a mail over it is cheap to send. */
const HOST_ENV = { MAIL_MAX_BYTES: String(64 * 1024) };

let host: TestHost;
let tenant: TestTenant;
let support: string;
let postfix: PostfixInstance | undefined;

beforeAll(async () => {
  const [started, fresh] = await Promise.all([startHost(HOST_ENV), freshTenant()]);
  ({ tenant, support } = fresh);
  host = started;
  postfix = await startPostfix({
    helpdeskDomain: support.split('@')[1] ?? '',
    inboundUrl: `${host.url}/api/inbound`,
    functionKey: settings().LOCAL_FUNCTION_KEY ?? '',
  });
}, 120_000);

afterAll(async () => {
  await postfix?.stop();
});

function mta(): PostfixInstance {
  if (!postfix) throw new Error('the Postfix instance did not start');
  return postfix;
}

/** Sends over SMTP; resolves with the Postfix queue id of the accepted mail. */
async function send(to: string, subject: string, text = 'It prints blank pages.'): Promise<string> {
  const smtp = createTransport({ host: '127.0.0.1', port: mta().smtpPort, ignoreTLS: true });
  try {
    const info = await smtp.sendMail({ from: `Anna <anna@${SENDER_DOMAIN}>`, to, subject, text });
    const id = /queued as (\w+)/.exec(info.response)?.[1];
    if (!id) throw new Error(`no queue id in the SMTP answer: ${info.response}`);
    return id;
  } finally {
    smtp.close();
  }
}

/** Polls `check`; on a timeout the error carries the end of the instance's log. */
async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  try {
    return await eventually(check, timeoutMs);
  } catch (err) {
    const log = (await mta().log()).split('\n').slice(-25).join('\n');
    throw new Error(`${String(err)}\n--- postfix log ---\n${log}`, { cause: err });
  }
}

const ticketTitled = (subject: string) =>
  waitFor(async () => (await readList(tenant, 'Tickets')).find((t) => t.fields.Title === subject));
const bounceOf = (subject: string) =>
  waitFor(async () => (await mta().bounces()).find((raw) => raw.includes(`Subject: ${subject}`)));
const gone = (id: string) =>
  waitFor(async () => ((await mta().queue()).some((m) => m.queue_id === id) ? undefined : true));

describe('a real Postfix piping mail into helpdesk-mailgate', () => {
  it('when a mail for the support address arrives over SMTP, then it becomes a ticket and leaves the queue', async () => {
    const id = await send(support, 'Printer on floor 3 (via Postfix)');
    const ticket = await ticketTitled('Printer on floor 3 (via Postfix)');
    expect(ticket.fields).toMatchObject({ Status: 'New', Source: 'Email', Mailbox: support });
    await gone(id);
  }, 120_000);

  it('when the recipient is no support address of the domain, then the sender gets a 5.1.1 bounce', async () => {
    const domain = support.split('@')[1];
    const id = await send(`nobody-here@${domain}`, 'To an unknown address');
    const bounce = await bounceOf('To an unknown address');
    expect(bounce).toMatch(/^Action: failed$/m);
    expect(bounce).toMatch(/^Status: 5\.1\.1$/m);
    expect(bounce).toContain('no helpdesk at this address');
    await gone(id);
    const titles = (await readList(tenant, 'Tickets')).map((t) => t.fields.Title);
    expect(titles).not.toContain('To an unknown address');
  }, 120_000);

  it('when the mail is over the service limit, then the sender gets a 5.3.4 "too large" bounce', async () => {
    await send(support, 'A very large mail', 'blank pages '.repeat(8000));
    const bounce = await bounceOf('A very large mail');
    expect(bounce).toMatch(/^Status: 5\.3\.4$/m);
    expect(bounce).toContain('message too large');
  }, 120_000);

  it('when the domain is not the helpdesk one, then Postfix refuses to relay it', async () => {
    await expect(send('someone@elsewhere.example', 'Relay me')).rejects.toThrow(/Relay access/);
  });

  it('when the functions host is down, then the mail waits in the queue and becomes a ticket once it is back', async () => {
    await host.stop();
    const id = await send(support, 'Sent while the helpdesk was down');
    // EX_TEMPFAIL: Postfix keeps the mail, with the gate's line as the reason of the delay.
    const queued = await waitFor(async () =>
      (await mta().queue()).find((m) =>
        m.recipients.some((r) => r.delay_reason?.includes('helpdesk unreachable')),
      ),
    );
    expect(queued.queue_id).toBe(id);
    host = await startHost(HOST_ENV);
    await mta().flush();
    await ticketTitled('Sent while the helpdesk was down');
    await gone(id);
    expect((await mta().bounces()).join('\n')).not.toContain('Sent while the helpdesk was down');
  }, 180_000);
});
