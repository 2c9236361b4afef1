/**
 * The soak's mails, drawn from a seed: what each one is and what it must become. Replies need
 * their ticket written first (a reply whose parent is not yet a ticket would open a ticket of its
 * own), so the run goes in rounds and a round's replies answer tickets of earlier rounds only.
 * Every sender writes at most MAX_PER_SENDER mails, well under the burst limit (20 in 15 min,
 * lib/config.ts), so no mail is dropped for its sender's volume.
 */
import { messageIdKey } from '../../lib/mail/mailKey';
import { mime } from './mime';
import { mulberry32 } from '../seeded';

export type Kind =
  'ticket' | 'attachment' | 'reply-headers' | 'reply-number' | 'auto-reply' | 'bounce' | 'repost';

/** What a mail must become: a ticket, a comment on the ticket of `parent`, or a logged drop. */
export type Expected =
  { kind: 'ticket' } | { kind: 'comment'; parent: string } | { kind: 'drop'; outcome: string };

/** One POST: a new mail, or an earlier one sent again unchanged. */
export interface Post {
  mail: SentMail;
  repost: boolean;
}

export interface SentMail {
  key: string;
  kind: Kind;
  from: string;
  raw: Buffer;
  expected: Expected;
}

/** Shares of the mix, in percent (README "Soak"); reposts resend an earlier mail unchanged. */
export const MIX: ReadonlyArray<[Kind, number]> = [
  ['ticket', 40],
  ['attachment', 10],
  ['reply-headers', 15],
  ['reply-number', 10],
  ['auto-reply', 7],
  ['bounce', 8],
  ['repost', 10],
];
const MAX_PER_SENDER = 8;

/** The same seeded draw as the Graph simulator's fault knob. */
export const rng = mulberry32;

interface Ticket {
  key: string;
  messageId: string;
  from: string;
  subject: string;
}

/** Draws the mails of a run; ticket ids (`known`) are read from SharePoint between rounds. */
export class Mix {
  readonly sent = new Map<string, SentMail>();
  private readonly draw: () => number;
  private readonly tickets: Ticket[] = [];
  private readonly perSender = new Map<string, number>();
  private n = 0;

  constructor(
    seed: number,
    private readonly to: string,
  ) {
    this.draw = rng(seed);
  }

  /** The next `count` posts of a round; `known` maps a ticket's MailKey to its id. */
  round(count: number, known: ReadonlyMap<string, string>): Post[] {
    const round: Post[] = [];
    const answerable = this.tickets.filter((t) => known.has(t.key));
    while (round.length < count) {
      const kind = this.kind();
      if (kind === 'repost') {
        // Any mail sent so far, this round's too: a relay that retries does not wait.
        const again = this.pick([...this.sent.values()]);
        if (again) round.push({ mail: again, repost: true });
        continue;
      }
      const made = this.make(kind, answerable, known);
      if (made) round.push({ mail: made, repost: false });
    }
    return round;
  }

  private kind(): Kind {
    let r = this.draw() * 100;
    for (const [kind, share] of MIX) if ((r -= share) < 0) return kind;
    return 'ticket';
  }

  private pick<T>(from: T[]): T | undefined {
    return from.length ? from[Math.floor(this.draw() * from.length)] : undefined;
  }

  private make(
    kind: Kind,
    answerable: Ticket[],
    known: ReadonlyMap<string, string>,
  ): SentMail | undefined {
    const n = ++this.n;
    const messageId = `<soak-${n}-${Math.floor(this.draw() * 1e9)}@soak.example>`;
    const key = messageIdKey(messageId) ?? '';
    const at = (from: string, subject: string, extra: string[] = []): string[] => [
      `From: ${from}`,
      `To: ${this.to}`,
      `Subject: ${subject}`,
      `Message-ID: ${messageId}`,
      ...extra,
    ];
    let mail: SentMail;
    if (kind === 'ticket' || kind === 'attachment') {
      const from = `requester-${n}@soak.example`;
      const subject = `Soak ticket ${n}`;
      const file = kind === 'attachment' ? `log-${n}.txt` : undefined;
      mail = {
        key,
        kind,
        from,
        raw: mime(at(from, subject), `Problem number ${n}.`, file),
        expected: { kind: 'ticket' },
      };
      this.tickets.push({ key, messageId, from, subject });
    } else if (kind === 'reply-headers' || kind === 'reply-number') {
      const parent = this.pick(
        answerable.filter((t) => (this.perSender.get(t.from) ?? 0) < MAX_PER_SENDER),
      );
      if (!parent) return undefined;
      const head =
        kind === 'reply-headers'
          ? at(parent.from, `Re: ${parent.subject}`, [
              `In-Reply-To: ${parent.messageId}`,
              `References: ${parent.messageId}`,
            ])
          : at(parent.from, `Re: [#${known.get(parent.key)}] ${parent.subject}`);
      mail = {
        key,
        kind,
        from: parent.from,
        raw: mime(head, `More on it, ${n}.`),
        expected: { kind: 'comment', parent: parent.key },
      };
    } else if (kind === 'auto-reply') {
      const from = `away-${n}@soak.example`;
      const head = at(from, `Out of office ${n}`, ['Auto-Submitted: auto-replied']);
      mail = {
        key,
        kind,
        from,
        raw: mime(head, 'I am away.'),
        expected: { kind: 'drop', outcome: 'dropped-auto-reply' },
      };
    } else {
      const from = `MAILER-DAEMON@mx${n}.soak.example`;
      const head = at(from, 'Undelivered Mail Returned to Sender');
      mail = {
        key,
        kind,
        from,
        raw: mime(head, 'Delivery failed.'),
        expected: { kind: 'drop', outcome: 'dropped-bounce' },
      };
    }
    this.perSender.set(mail.from, (this.perSender.get(mail.from) ?? 0) + 1);
    this.sent.set(key, mail);
    return mail;
  }
}
