/**
 * What the mailbox door needs, built in lib/deps.ts (buildMailboxDeps); unit tests fake these
 * small roles. No Azure Functions types: functions/ decode their triggers and call lib/mailbox.
 */
import type { EventLog } from '../log';
import type { Notices } from '../outbound/notice';
import type { MailStaging } from '../storage/staging';
import type { TenantStore } from '../tenants/store';
import type { MailClaims } from './claims';
import type { ExchangeTenants } from './exchange';
import type { MailboxJob } from './jobs';
import type { MailboxStore } from './store';

/** The sender side of the `mailbox-in` queue. */
export interface MailboxJobQueue {
  send(job: MailboxJob): Promise<void>;
}

export interface MailboxSettings {
  /** The function app's own URL (PUBLIC_BASE_URL), where Graph posts notifications. */
  publicBaseUrl: string | undefined;
  /** The service's largest mail (MAIL_MAX_BYTES): a bigger message is not staged. */
  maxMailBytes: number;
  /** Derives each subscription's clientState (clientState.ts). */
  clientStateKey: Buffer;
  /** The app registration's client id, named in the commands an operator runs to grant access. */
  appId: string;
}

export interface MailboxDeps {
  exchange: ExchangeTenants;
  mailboxes: MailboxStore;
  tenants: Pick<TenantStore, 'get'>;
  staging: Pick<MailStaging, 'stage'>;
  claims: MailClaims;
  jobs: MailboxJobQueue;
  log: EventLog;
  config: MailboxSettings;
  now: () => Date;
  /** Tells the sender of a message too large to take (sizeNotice.ts); without it none is sent. */
  notices?: Notices;
}
