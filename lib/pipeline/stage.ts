/**
 * A stage is one small step of turning a staged mail into a ticket, answering with a verdict.
 * Control data lives in the typed MailContext, never in mail headers (untrusted input).
 */
import type { TenantRecord, TenantStore } from '../licensing/tenants';
import type { EventLog } from '../log';
import type { Classification } from '../mail/classify';
import type { ParsedMail } from '../mail/parse';
import type {
  CommentRef,
  Contact,
  HelpdeskDirectory,
  HelpdeskSite,
  StoredMail,
  TicketParties,
  TicketRef,
} from '../sharepoint/helpdesk';
import type { SenderBursts } from '../storage/senderBursts';
import type { MailMessage, MailStaging } from '../storage/staging';

/** `code` on continue and stop: a short reason for the trace (never content). */
export type Verdict =
  | { kind: 'continue'; code?: string }
  /** The mail is done (or needs nothing): stop with this outcome. */
  | { kind: 'stop'; outcome: string; code?: string }
  /** Try again later: the queue redelivers. */
  | { kind: 'retry'; code: string }
  /** Will never succeed: poison now, keep the staged mail for replay. */
  | { kind: 'reject'; code: string };

export const proceed: Verdict = { kind: 'continue' };

export interface PipelineDeps {
  staging: MailStaging;
  tenants: TenantStore;
  helpdesks: HelpdeskDirectory;
  senders: SenderBursts;
  log: EventLog;
  /** The clock; injected by tests. */
  now?: () => Date;
}

export interface MailContext {
  message: MailMessage;
  raw?: Buffer;
  mail?: ParsedMail;
  tenant?: TenantRecord;
  site?: HelpdeskSite;
  mailKey?: string;
  /** The mail's fingerprint (mail/mailKey.ts): which items under its key it may resume. */
  mailHash?: string;
  requester?: Contact;
  classification?: Classification;
  /** Stored tickets and comments of the mails this one answers, the likeliest first. */
  answers?: StoredMail[];
  /** The ticket this mail is a comment on (threading found it); unset for a new ticket. */
  thread?: { ticketId: string; parties?: TicketParties };
  /** Cc contacts of the mail (support addresses and the sender left out). */
  cc?: Contact[];
  /** The ticket written, or the one the comment was written on. */
  ticket?: TicketRef;
  /** The comment written (files of a comment go to `{ticketId}/{commentId}/`). */
  comment?: CommentRef;
}

export interface Stage {
  name: string;
  /** Upper bound for the stage; the runner turns an overrun into a retry. */
  timeoutMs: number;
  /**
   * Stages after the ticket is written fail open: their failure is logged and the mail still
   * counts as done, because retrying would not un-write the ticket.
   */
  afterWrite?: boolean;
  run(ctx: MailContext, deps: PipelineDeps): Promise<Verdict>;
}

/** Reads a field an earlier stage must have set; a missing one is a programming error. */
export function need<K extends keyof MailContext>(
  ctx: MailContext,
  key: K,
): NonNullable<MailContext[K]> {
  const value = ctx[key];
  if (value === undefined || value === null) throw new Error(`pipeline order: '${key}' not set`);
  return value as NonNullable<MailContext[K]>;
}
