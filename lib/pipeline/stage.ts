/**
 * A stage is one small step of turning a staged mail into a ticket, answering with a verdict.
 * Control data lives in the typed MailContext, never in mail headers (untrusted input).
 */
import type { TenantRecord, TenantStore } from '../licensing/tenants';
import type { EventLog } from '../log';
import type { ParsedMail } from '../mail/parse';
import type { Contact, HelpdeskDirectory, HelpdeskSite, TicketRef } from '../sharepoint/helpdesk';
import type { MailMessage, MailStaging } from '../storage/staging';

export type Verdict =
  | { kind: 'continue' }
  /** The mail is done (or needs nothing): stop with this outcome. */
  | { kind: 'stop'; outcome: string }
  /** Try again later: the queue redelivers. */
  | { kind: 'retry'; code: string }
  /** Will never succeed: poison now, keep the staged mail for replay. */
  | { kind: 'reject'; code: string };

export const proceed: Verdict = { kind: 'continue' };

export interface PipelineDeps {
  staging: MailStaging;
  tenants: TenantStore;
  helpdesks: HelpdeskDirectory;
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
  requester?: Contact;
  ticket?: TicketRef;
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
