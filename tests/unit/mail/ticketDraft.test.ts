import { commentBody, ticketBody, ticketTitle } from '../../../lib/mail/ticketFields';
import { ticketDraft } from '../../../lib/mail/ticketDraft';

const reply = {
  subject: ' Re: Printer\r\n broken ',
  text: 'Thanks, fixed.\n\nOn Mon, 2 Mar 2020 at 10:01, Ann <ann@example.com> wrote:\n> Printer broken',
  html: undefined,
};
const remote = '<p>Hi <img src="https://images.example/a.png"></p>';

describe('ticketDraft', () => {
  it('when the mail is a new ticket, then the body is the whole mail', () => {
    expect(ticketDraft(reply, { reply: false })).toEqual({
      title: ticketTitle(reply.subject),
      body: ticketBody(reply),
    });
  });
  it('when the mail is a reply, then the body loses the quoted history', () => {
    const draft = ticketDraft(reply, { reply: true });
    expect(draft).toEqual({ title: 'Re: Printer broken', body: commentBody(reply) });
    expect(draft.body).not.toContain('wrote');
  });
  it('when the tenant chooses about remote images, then the body follows that choice', () => {
    const mail = { subject: 'x', html: remote, text: undefined };
    for (const remoteImages of ['allow', 'block'] as const) {
      expect(ticketDraft(mail, { reply: false, remoteImages }).body).toBe(
        ticketBody(mail, { remoteImages }),
      );
    }
  });
});
