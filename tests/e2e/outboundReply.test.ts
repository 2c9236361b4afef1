/**
 * An agent's reply on the local stack (issue 9): a comment written in SharePoint (Internal off,
 * a file in its attachment folder) goes out with the next outbox run to the ticket's requester
 * and Cc, from the support mailbox, threaded to the ticket's mail, and the comment shows `Sent`
 * and when; an internal comment is marked `Not sent` and never mailed; the requester's answer to
 * the reply threads back into the same ticket by its headers.
 */
import { processed } from './outcomes';
import { type Delivered, headerOf, mailTo } from './outboundMail';
import {
  agentComment,
  agentFile,
  itemFields,
  sharedOutboundHost,
  tenantThatSends,
} from './outboundSupport';
import {
  type ListItem,
  type TestTenant,
  eventually,
  mail,
  postMail,
  readList,
  ticketsWhen,
} from './support';

const host = sharedOutboundHost();

interface Answered {
  tenant: TestTenant;
  support: string;
  requester: string;
  ticket: ListItem;
  commentId: string;
  reply: Delivered;
}

const FILE = Buffer.from('%PDF-1.4 the agent checked the printer\n');

/** A ticket from Anna's mail (Bob in Cc), acknowledged, then answered by an agent with a file. */
async function answeredTicket(): Promise<Answered & { cc: string; internalId: string }> {
  const { tenant, support } = await tenantThatSends();
  const requester = `anna-${tenant.alias}@example.com`;
  const cc = `bob-${tenant.alias}@example.org`;
  const raw = mail({
    from: `Anna Example <${requester}>`,
    to: support,
    // The support address in Cc is no one to send the reply to.
    cc: `Bob Colleague <${cc}>, ${support}`,
    messageId: `<t-${tenant.alias}@example.com>`,
  });
  await postMail(host.url, raw, support);
  const [ticket] = await ticketsWhen(tenant, 1);
  if (!ticket) throw new Error('no ticket');
  await host.runOutbox(); // the ack, before the agent answers

  const commentId = await agentComment(tenant, ticket.id, {
    body: '<p>We replaced the <b>toner</b>.</p>',
  });
  await agentFile(tenant, { ticketId: ticket.id, commentId }, 'report.pdf', FILE);
  const internalId = await agentComment(tenant, ticket.id, {
    body: '<p>Internal: the printer is out of warranty.</p>',
    internal: true,
  });
  await host.runOutbox();
  const reply = (await mailTo(requester)).find((m) => m.mail.subject?.startsWith('Re:'));
  if (!reply) throw new Error('no reply reached the requester');
  return { tenant, support, requester, cc, ticket, commentId, internalId, reply };
}

describe("an agent's reply", () => {
  it('when an agent answers in SharePoint, then the requester (To) and the Cc get it once from the support mailbox, threaded, with the file, and the comment shows Sent', async () => {
    const { tenant, support, requester, cc, ticket, commentId, internalId, reply } =
      await answeredTicket();
    await host.runOutbox(); // nothing is sent twice

    const toRequester = (await mailTo(requester)).filter((m) => m.mail.subject?.startsWith('Re:'));
    expect(toRequester).toHaveLength(1);
    expect(await mailTo(cc)).toHaveLength(1);
    expect(reply).toMatchObject({ from: support, to: [requester], cc: [cc] });
    const { mail: got } = reply;
    expect(got.subject).toBe(`Re: [#${ticket.id}] Printer broken`);
    expect(got.inReplyTo).toBe(`<t-${tenant.alias}@example.com>`);
    expect([got.references].flat()).toEqual([`<t-${tenant.alias}@example.com>`]);
    expect(headerOf(got, 'Auto-Submitted')).toBe(''); // a person's answer, not an automatic one
    expect(got.html).toContain('<b>toner</b>');
    expect(got.text).toContain('We replaced the toner.');
    expect(got.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['report.pdf', FILE.toString()],
    ]);
    expect(JSON.stringify(got.html)).not.toContain('out of warranty');

    expect(await itemFields(tenant, 'Comments', commentId)).toMatchObject({
      MailStatus: 'Sent',
      SentAt: expect.any(String),
      MessageId: reply.internetMessageId,
    });
    expect((await itemFields(tenant, 'Comments', internalId)).MailStatus).toBe('Not sent');
    const all = [...(await mailTo(requester)), ...(await mailTo(cc))];
    expect(all.filter((m) => m.mail.html && m.mail.html.includes('warranty'))).toEqual([]);
  }, 300_000);

  it("when the requester answers the agent's mail, then the answer is a comment on the same ticket, found by its headers", async () => {
    const { tenant, support, requester, ticket, reply } = await answeredTicket();
    const answer = mail({
      from: `Anna Example <${requester}>`,
      to: support,
      // Neither the ticket number nor the ticket's own mail: only the reply's Message-ID, which
      // the comment registered when it was sent, can find the ticket.
      subject: 'Re: Printer broken',
      headers: [
        `In-Reply-To: ${reply.internetMessageId}`,
        `References: ${reply.internetMessageId}`,
      ],
      body: 'Thanks, it prints again.',
    });
    const { body } = await postMail(host.url, answer, support);
    const result = await processed(tenant, body.id);
    expect(result.outcome).toBe('comment-created');
    expect(result.trace).toContainEqual(
      expect.objectContaining({ stage: 'thread', code: 'by-headers' }),
    );
    const comments = await eventually(async () => {
      const items = await readList(tenant, 'Comments');
      return items.length === 3 ? items : undefined;
    });
    const fromMail = comments.find((c) => String(c.fields.Body).includes('it prints again'));
    expect(fromMail?.fields).toMatchObject({ TicketLookupId: ticket.id, MailStatus: 'Received' });
    expect(await readList(tenant, 'Tickets')).toHaveLength(1);
  }, 300_000);
});
