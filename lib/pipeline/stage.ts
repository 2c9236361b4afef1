/**
 * A stage is one small step of turning a staged mail into a ticket: it takes exactly the typed
 * data it needs and answers with a verdict, carrying what it found when the mail goes on. Control
 * data lives in these typed values, never in mail headers (untrusted input).
 */
import type { ErrorCode } from '../errors';
import type { EventLog } from '../log';
import type { SenderAcks } from '../outbound/ack';
import type { Notices } from '../outbound/notice';
import type { HelpdeskDirectory } from '../sharepoint/helpdesk';
import type { SenderBursts } from '../storage/senderBursts';
import type { MailMessage, MailQueue, MailStaging } from '../storage/staging';
import type { TenantStore } from '../tenants/store';

/** The mail is done (or needs nothing): stop with this outcome. `code` is a short reason. */
export interface Stop {
  kind: 'stop';
  outcome: string;
  code?: string;
}

/** `code` on continue and stop: a short reason for the trace (never content). */
export type Verdict<T = void> =
  | { kind: 'continue'; value: T; code?: string }
  | Stop
  /** Try again later: the queue redelivers. */
  | { kind: 'retry'; code: ErrorCode }
  /** Will never succeed: poison now, keep the staged mail for replay. */
  | { kind: 'reject'; code: ErrorCode };

/** The mail goes on with `value`. */
export function go<T>(value: T, code?: string): Verdict<T> {
  return code === undefined ? { kind: 'continue', value } : { kind: 'continue', value, code };
}

export const proceed: Verdict = { kind: 'continue', value: undefined };

/** How a finished mail ended, for its door (settle.ts); `reason` is a short code, never content. */
export type SettleOutcome = { kind: 'taken' } | { kind: 'not-a-ticket'; reason: string };

/** Only what the pipeline calls, so a test fakes no more than that. */
export interface PipelineDeps {
  /** The blob side: read the staged mail, remove it once written or dropped. */
  staging: Pick<MailStaging, 'read' | 'remove'>;
  queue: MailQueue;
  tenants: Pick<TenantStore, 'get'>;
  helpdesks: Pick<HelpdeskDirectory, 'open'>;
  senders: SenderBursts;
  /** The acks memory: without it no new ticket asks for an ack (outbound/ack.ts). */
  acks?: SenderAcks;
  /** Sends the notice of held mail (stages/licence.ts); without it none is sent. */
  notices?: Notices;
  log: EventLog;
  /** Marks a finished mail at the door it came through (a connected mailbox); none for others. */
  settle?: (message: MailMessage, outcome: SettleOutcome) => Promise<void>;
  /** The clock; injected by tests. */
  now?: () => Date;
}

export interface Stage<In, Out = void> {
  name: string;
  /** Upper bound for the stage; the runner aborts an overrun and turns it into a retry. */
  timeoutMs: number;
  run(input: In, deps: PipelineDeps): Promise<Verdict<Out>>;
}
