import { mailFingerprint, reusedKey } from '../../mail/mailKey';
import { referencedKeys, ticketNumber } from '../../mail/threading';
import type { FileShelf, ThreadFinder } from '../../sharepoint/helpdesk';
import type { Admitted } from '../admit';
import { sameMail, takeOwnKey } from '../claim';
import { filesComplete } from '../files';
import type { ResumeRoute, Unwritten } from '../route';
import { type Stage, go } from '../stage';
import { drop } from './drop';

export type DedupeInput = Pick<Admitted, 'message' | 'raw' | 'mail' | 'mailKey'> & {
  site: ThreadFinder & FileShelf;
};

/**
 * A mail may arrive twice (relay retries, queue redelivery, a host dying after the write): the
 * ticket or comment carrying its MailKey and its fingerprint already exists, so there is nothing
 * left to do. An item under its MailKey with another fingerprint is another mail that reused the
 * Message-ID (claim.ts): this one is no duplicate of it and takes a key of its own. The same
 * indexed queries find the stored mails this one answers (In-Reply-To, References) for threading.
 * Only a mail that could have become a comment (it names earlier mails or a ticket number) is
 * looked up here. Any other can only have become a ticket, and the ticket stage finds out by
 * writing: the unique MailKey column refuses a second delivery, which then reads the first one's
 * ticket and resumes or stops exactly as here (ticket.ts, claim.ts). That saves a request on
 * every new ticket; a duplicate costs two more instead, and duplicates are rare. It passes the
 * burst stage, which counts each mail once however often it comes (burst.ts).
 */
export const dedupe: Stage<DedupeInput, ResumeRoute | Unwritten> = {
  name: 'dedupe',
  timeoutMs: 30_000,
  async run({ message, raw, mail, mailKey: own, site }, deps) {
    const hash = mailFingerprint(mail, raw);
    const identity = { mailKey: own, mailHash: hash };
    // A re-delivery of a mail that found its Message-ID taken is under its own key.
    const reused = reusedKey(own, hash);
    const answered = referencedKeys(mail, own);
    const keys = [own, reused, ...answered];
    if (answered.length === 0 && ticketNumber(mail.subject) === undefined) {
      return go<Unwritten>({ kind: 'unwritten', identity, answers: [] }, 'write-decides');
    }
    const [tickets, comments] = await Promise.all([
      site.findTicketsByMailKeys(keys),
      site.findCommentsByMailKeys(keys),
    ]);
    const found = [...comments, ...tickets];
    const taken = found.filter((m) => m.mailKey === own);
    const self = found.find((m) => m.mailKey === reused) ?? taken.find((m) => sameMail(m, hash));
    // In the order of `answered`: the mail's parent first.
    const answers = answered.flatMap((key) => found.filter((m) => m.mailKey === key));
    if (!self) {
      if (taken.length === 0) return go<Unwritten>({ kind: 'unwritten', identity, answers });
      const ownKey = takeOwnKey(identity, message, deps);
      return go<Unwritten>({ kind: 'unwritten', identity: ownKey, answers }, 'message-id-reused');
    }
    const folder = { ticketId: self.ticketId, commentId: self.commentId };
    // Unless the delivery that wrote it died before its files: resume-files finishes them.
    if (!(await filesComplete(site.library, folder))) {
      return go<ResumeRoute>({ kind: 'resume', folder }, 'files-missing');
    }
    // Already in SharePoint: this delivery's staged copy is not kept either.
    return drop(message, deps, 'duplicate', 'already-written');
  },
};
