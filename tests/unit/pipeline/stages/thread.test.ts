import { messageIdKey } from '../../../../lib/mail/mailKey';
import type { Admitted } from '../../../../lib/pipeline/admit';
import { routeMail } from '../../../../lib/pipeline/processMail';
import type { Route } from '../../../../lib/pipeline/route';
import { runPipeline } from '../../../../lib/pipeline/runner';
import type { MemoryHelpdesk } from '../fakes';
import { type MailFields, aMail, aWorld, anAdmitted } from './support';

const key = (id: string): string => messageIdKey(id) ?? '';
const from = (address: string) => ({ from: { address, name: '' } });

/** Ticket 3 (requester ann = contact 1, Cc cid = 2), opened by <t1@example.com>; comment 4 from <c1@example.com>. */
async function seeded(site: MemoryHelpdesk): Promise<void> {
  await site.seedTicket(key('<t1@example.com>'), 'ann@example.com', ['cid@example.com']);
  await site.createComment({
    ticketId: '3',
    title: 'Re',
    body: '',
    senderId: '1',
    mailKey: key('<c1@example.com>'),
    autoReply: false,
  });
  site.calls.length = 0;
}

/** Dedupe, burst and thread; 'done' when the mail was routed, with its route. */
async function route(w: ReturnType<typeof aWorld>, admitted: Admitted) {
  let found: Route | undefined;
  const result = await runPipeline(w.deps, async (run) => {
    found = await routeMail(run, admitted);
    return 'done';
  });
  const thread = found?.kind === 'comment' ? found : undefined;
  return { result, route: found, thread };
}

describe('dedupe and thread stages', () => {
  it.each<{ desc: string; mail: MailFields; outcome: string; code?: string; thread?: string }>([
    {
      desc: 'a reply whose In-Reply-To names the ticket mail',
      mail: { inReplyTo: '<t1@example.com>', ...from('stranger@elsewhere.example') },
      outcome: 'done',
      code: 'by-headers',
      thread: '3',
    },
    {
      desc: 'a reply whose References name a comment',
      mail: { references: ['<unknown@x>', '<c1@example.com>'] },
      outcome: 'done',
      code: 'by-headers',
      thread: '3',
    },
    {
      desc: '[#3] from the requester',
      mail: { subject: 'Re: [#3] Printer' },
      outcome: 'done',
      code: 'by-number/requester',
      thread: '3',
    },
    {
      desc: '[#3] from a Cc contact',
      mail: { subject: 'Re: [#3] Printer', ...from('cid@example.com') },
      outcome: 'done',
      code: 'by-number/cc',
      thread: '3',
    },
    {
      desc: '[#3] from an agent (the support address domain)',
      mail: { subject: 'Re: [#3] Printer', ...from('agent@contoso.com') },
      outcome: 'done',
      code: 'by-number/agent',
      thread: '3',
    },
    {
      desc: '[#3] from a stranger',
      mail: { subject: 'Re: [#3] Printer', ...from('mallory@evil.example') },
      outcome: 'done',
      code: 'number-not-entitled',
    },
    {
      desc: '[#99] naming no ticket',
      mail: { subject: '[#99] Printer' },
      outcome: 'done',
      code: 'number-unknown',
    },
    {
      desc: 'an out-of-office reply answering the ticket mail',
      mail: { inReplyTo: '<t1@example.com>', headers: { 'Auto-Submitted': 'auto-replied' } },
      outcome: 'done',
      code: 'by-headers',
      thread: '3',
    },
    {
      desc: 'an out-of-office reply answering nothing stored',
      mail: { inReplyTo: '<gone@x>', headers: { 'Auto-Submitted': 'auto-replied' } },
      outcome: 'dropped-auto-reply',
      code: 'unthreaded/auto-submitted',
    },
    {
      desc: 'the comment mail delivered again',
      mail: { messageId: '<c1@example.com>', inReplyTo: '<t1@example.com>' },
      outcome: 'duplicate',
      code: 'already-written',
    },
  ])('when it is $desc, then the outcome is $outcome ($code)', async (c) => {
    const w = aWorld();
    await seeded(w.site);
    const { result, thread } = await route(w, anAdmitted(aMail(c.mail), w.site));
    expect(result.outcome).toBe(c.outcome);
    expect(result.trace.at(-1)?.code).toBe(c.code);
    expect(thread?.ticketId).toBe(c.thread);
    // Already written: the staged copy goes. Dropped: it stays until the Mail Log has it
    // (pipeline/mailLog.ts deletes it then).
    const gone = c.outcome === 'duplicate';
    expect(w.removed).toEqual(gone ? ['b1'] : []);
  });

  it('when a mail names no earlier mail and no ticket, then nothing is searched (the ticket write finds a duplicate)', async () => {
    const w = aWorld();
    await route(w, anAdmitted(aMail(), w.site));
    expect(w.site.calls).toEqual([]);
  });

  it('when the requester writes with [#3], then the sender found is kept for the requester stage', async () => {
    const w = aWorld();
    await seeded(w.site);
    const { thread } = await route(w, anAdmitted(aMail({ subject: '[#3]' }), w.site));
    expect(thread?.sender).toMatchObject({ id: '1', email: 'ann@example.com' });
  });

  it('when a comment written without its files is delivered again, then the route names its ticket and comment', async () => {
    const w = aWorld();
    await seeded(w.site);
    w.site.library.upload({ ticketId: '3', commentId: '4' }); // started, never finished
    const mail = aMail({ messageId: '<c1@example.com>', subject: '[#3]' });
    const { route: found } = await route(w, anAdmitted(mail, w.site));
    expect(found).toEqual({ kind: 'resume', folder: { ticketId: '3', commentId: '4' } });
  });
});

describe('agents on an internal helpdesk', () => {
  it("when a colleague at the requester's own domain quotes a ticket number, then it opens a ticket of its own", async () => {
    const w = aWorld();
    const ticket = await w.site.seedTicket(key('<i1@contoso.com>'), 'alice@contoso.com');
    const mail = aMail({ subject: `Same as [#${ticket.id}]`, ...from('bob@contoso.com') });
    const { result, thread } = await route(w, anAdmitted(mail, w.site));
    expect(result.trace.at(-1)?.code).toBe('number-not-entitled');
    expect(thread).toBeUndefined();
  });

  it('when the requester is from outside, then a sender at the support domain answers as an agent', async () => {
    const w = aWorld();
    const ticket = await w.site.seedTicket(key('<o1@example.com>'), 'ann@example.com');
    const mail = aMail({ subject: `Re: [#${ticket.id}]`, ...from('agent@contoso.com') });
    const { result, thread } = await route(w, anAdmitted(mail, w.site));
    expect(result.trace.at(-1)?.code).toBe('by-number/agent');
    expect(thread?.ticketId).toBe(ticket.id);
  });
});
