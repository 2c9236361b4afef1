/**
 * A Message-ID is no secret (every recipient of a mail, Bcc included, sees it) and no proof of
 * identity: a second mail under someone else's Message-ID must never resume, overwrite or
 * suppress the ticket of the first. The pipeline runs for real against the Graph simulator.
 */
import { randomUUID } from 'node:crypto';

import { type Item, UNTIL_WRITTEN, mailWithContract, pipelineWorld } from './pipelineSim';
import { type SimWorld, startSimWorld } from './sharepointSim';

let world: SimWorld;

beforeAll(async () => {
  world = await startSimWorld({ provision: true });
});

afterAll(() => world?.close());

const VICTIM_PDF = Buffer.from('%PDF-1.4 the real contract, signed');
const FORGED_PDF = Buffer.from('%PDF-1.4 pay to account 666');

function twoMails(subject: string) {
  const messageId = `<${randomUUID()}@mail.example.com>`;
  const victim = mailWithContract({
    from: 'Vera Victim <vera@example.com>',
    messageId,
    subject,
    text: 'Please find the signed contract attached.',
    pdf: VICTIM_PDF,
  });
  const stranger = mailWithContract({
    from: 'Mallory <mallory@evil.example>',
    messageId,
    subject,
    text: 'Updated bank details, please pay to the account in the contract.',
    pdf: FORGED_PDF,
  });
  return { messageId, victim, stranger };
}

const withSubject = (items: Item[], subject: string): Item[] =>
  items.filter((i) => i.fields.Title === subject);
const bodyOf = (item: Item | undefined): string => String(item?.fields.Body ?? '');

describe('Message-ID reuse', () => {
  it("when a stranger reuses a pending ticket's Message-ID, then the victim's ticket, body and files are untouched and the stranger's mail becomes its own ticket", async () => {
    const p = pipelineWorld(world);
    const subject = `Contract ${randomUUID()}`;
    const { victim, stranger } = twoMails(subject);

    // The victim's first delivery writes the ticket; its host dies before the files.
    const first = await p.deliver(victim, UNTIL_WRITTEN);
    const [victimTicket] = withSubject(await p.items('tickets'), subject);
    expect(bodyOf(victimTicket)).toContain('signed contract');

    const forged = await p.deliver(stranger);
    expect(forged.result.outcome).toBe('ticket-created');

    const tickets = withSubject(await p.items('tickets'), subject);
    expect(tickets).toHaveLength(2);
    const mine = tickets.find((t) => t.id === victimTicket?.id);
    const theirs = tickets.find((t) => t.id !== victimTicket?.id);
    expect(bodyOf(mine)).toContain('signed contract');
    expect(bodyOf(mine)).not.toContain('bank details');
    expect(bodyOf(theirs)).toContain('bank details');
    expect(await p.file(`${victimTicket?.id}/contract.pdf`)).toBeUndefined();
    expect(await p.file(`${victimTicket?.id}/original.eml`)).toBeUndefined();
    expect(await p.file(`${theirs?.id}/contract.pdf`)).toEqual(FORGED_PDF);
    expect(p.log.events).toContainEqual(
      expect.objectContaining({ event: 'mail.key-reused', level: 'warn' }),
    );

    // The victim's retry still finishes its own files.
    const retry = await p.redeliver(first.message);
    expect(retry.outcome).toBe('duplicate');
    expect(await p.file(`${victimTicket?.id}/contract.pdf`)).toEqual(VICTIM_PDF);
    expect(await p.file(`${victimTicket?.id}/original.eml`)).toEqual(victim);
    const after = withSubject(await p.items('tickets'), subject);
    expect(after).toHaveLength(2);
    expect(bodyOf(after.find((t) => t.id === victimTicket?.id))).toContain('signed contract');
  }, 60_000);

  it('when a stranger uses a Message-ID first, then the real mail still becomes its own ticket', async () => {
    const p = pipelineWorld(world);
    const subject = `Contract ${randomUUID()}`;
    const { victim, stranger } = twoMails(subject);

    await p.deliver(stranger);
    const real = await p.deliver(victim);
    expect(real.result.outcome).toBe('ticket-created');

    const tickets = withSubject(await p.items('tickets'), subject);
    expect(tickets).toHaveLength(2);
    const mine = tickets.find((t) => bodyOf(t).includes('signed contract'));
    expect(mine).toBeDefined();
    expect(await p.file(`${mine?.id}/contract.pdf`)).toEqual(VICTIM_PDF);
    expect(await p.file(`${mine?.id}/original.eml`)).toEqual(victim);
  }, 60_000);

  it('when two different mails with one Message-ID arrive at once, then each becomes its own ticket with its own files', async () => {
    const p = pipelineWorld(world);
    const subject = `Contract ${randomUUID()}`;
    const { victim, stranger } = twoMails(subject);

    const outcomes = await Promise.all([p.deliver(victim), p.deliver(stranger)]);
    expect(outcomes.map((o) => o.result.outcome).sort()).toEqual([
      'ticket-created',
      'ticket-created',
    ]);
    const tickets = withSubject(await p.items('tickets'), subject);
    expect(tickets).toHaveLength(2);
    for (const ticket of tickets) {
      const pdf = bodyOf(ticket).includes('signed contract') ? VICTIM_PDF : FORGED_PDF;
      expect(await p.file(`${ticket.id}/contract.pdf`)).toEqual(pdf);
    }
  }, 60_000);

  it('when a relay delivers the same mail again with its own trace headers on top, then it is a duplicate', async () => {
    const p = pipelineWorld(world);
    const subject = `Contract ${randomUUID()}`;
    const { victim } = twoMails(subject);
    const resent = Buffer.concat([
      Buffer.from(
        'Received: from relay2.example.net by mx.contoso.com; Tue, 01 Dec 2026 09:20:00 +0000\r\n' +
          'Authentication-Results: mx.contoso.com; spf=pass\r\n',
      ),
      victim,
    ]);

    expect((await p.deliver(victim)).result.outcome).toBe('ticket-created');
    expect((await p.deliver(resent)).result.outcome).toBe('duplicate');
    expect((await p.deliver(victim)).result.outcome).toBe('duplicate');
    expect(withSubject(await p.items('tickets'), subject)).toHaveLength(1);
  }, 60_000);

  it('when the same mail is delivered twice at once, then one ticket is written', async () => {
    const p = pipelineWorld(world);
    const subject = `Contract ${randomUUID()}`;
    const { victim } = twoMails(subject);

    const outcomes = await Promise.all([p.deliver(victim), p.deliver(victim)]);
    expect(outcomes.map((o) => o.result.outcome).sort()).toEqual(['duplicate', 'ticket-created']);
    expect(withSubject(await p.items('tickets'), subject)).toHaveLength(1);
  }, 60_000);

  it("when the victim replies after a stranger reused its Message-ID, then the reply threads onto the victim's ticket", async () => {
    const p = pipelineWorld(world);
    const subject = `Contract ${randomUUID()}`;
    const { messageId, victim, stranger } = twoMails(subject);

    await p.deliver(victim);
    await p.deliver(stranger);
    const reply = Buffer.from(
      [
        'From: Vera Victim <vera@example.com>',
        'To: support@contoso.com',
        `Subject: Re: ${subject}`,
        `Message-ID: <${randomUUID()}@mail.example.com>`,
        `In-Reply-To: ${messageId}`,
        `References: ${messageId}`,
        '',
        'One more page.',
      ].join('\r\n'),
    );
    expect((await p.deliver(reply)).result.outcome).toBe('comment-created');
    const victimTicket = withSubject(await p.items('tickets'), subject).find((t) =>
      bodyOf(t).includes('signed contract'),
    );
    const comments = (await p.items('comments')).filter((c) =>
      String(c.fields.Body).includes('One more page'),
    );
    expect(comments.map((c) => String(c.fields.TicketLookupId))).toEqual([victimTicket?.id]);
  }, 60_000);
});
