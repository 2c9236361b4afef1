/**
 * The two ways a routed mail is written, each with exactly what it needs: a new ticket gets its
 * requester and Cc contacts; a reply gets its sender (a contact, or none for an unknown robot),
 * its Cc contacts, who then join the ticket's Cc if the sender may add them, and its comment.
 * Every mail's trace names the stages of both ways in one order, the other way's traced as
 * skipped (continue, ms 0): operators and alerts read the same list for every mail.
 */
import type { FolderRef } from '../sharepoint/library';
import type { Admitted } from './admit';
import type { CommentRoute, TicketRoute } from './route';
import type { Run } from './runner';
import { cc } from './stages/cc';
import { comment } from './stages/comment';
import { commentSender, requester } from './stages/requester';
import { ticket } from './stages/ticket';
import { ticketCc } from './stages/ticketCc';

/** What was written: the files go to `folder`; `existed` when an earlier delivery wrote it. */
export interface Written {
  outcome: 'ticket-created' | 'comment-created';
  folder: FolderRef;
  existed: boolean;
}

export async function writeTicket(run: Run, mail: Admitted, route: TicketRoute): Promise<Written> {
  const contact = await run.step(requester, { ...mail, known: route.sender });
  const contacts = await run.step(cc, mail);
  run.skip(ticketCc);
  const written = await run.step(ticket, { ...mail, route, requester: contact, cc: contacts });
  run.skip(comment);
  const folder = { ticketId: written.id };
  return { outcome: 'ticket-created', folder, existed: written.existed === true };
}

export async function writeComment(
  run: Run,
  mail: Admitted,
  route: CommentRoute,
): Promise<Written> {
  const sender = await run.step(commentSender, { ...mail, known: route.sender });
  const contacts = await run.step(cc, mail);
  await run.step(ticketCc, { ...mail, route, cc: contacts, sender });
  run.skip(ticket);
  const written = await run.step(comment, { ...mail, route, sender });
  const folder = { ticketId: route.ticketId, commentId: written.id };
  return { outcome: 'comment-created', folder, existed: written.existed === true };
}
