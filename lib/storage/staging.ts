/**
 * Claim-check staging: the raw mail goes to a blob, the queue carries only a small JSON message
 * naming it (queue messages are capped at 64 KiB; mails are up to MAIL_MAX_BYTES). The blob is
 * deleted once the mail is in SharePoint and kept when the mail is poisoned, for replay.
 * The blob is sealed under the tenant's data key (AES-256-GCM, its name as associated data), so a
 * mail waiting in a poison queue is not readable at rest and erasing the tenant shreds it.
 * This file holds the contract (the queue message, the staging and queue roles); blobStaging.ts
 * implements it on Azure Storage.
 */
import { PermanentError } from '../errors';
import { MAIL_QUEUE, POISON_QUEUE, STAGING_CONTAINER } from './names';

export { MAIL_QUEUE, POISON_QUEUE, STAGING_CONTAINER };

export interface MailMessage {
  v: 1;
  mailId: string;
  /** Blob name inside the staging container. */
  blob: string;
  /** The tenant's SharePoint domain (its key in the tenant store). */
  tenant: string;
  /** The support address the mail was delivered to. */
  mailbox: string;
  receivedAt: string;
  /** How many times the mail was held back because its tenant's licence was not valid. */
  held?: number;
  /** Its sender got the notice that the mail is held (pipeline/stages/licence.ts): none again. */
  noticed?: boolean;
  /** Where the mail came from when the service read it from a mailbox (lib/mailbox), not a relay. */
  source?: MailSource;
  /** The HTTP door that took the mail, when not plain `/api/inbound` (a relay's own route). */
  door?: MailDoor;
  /** An agent asked to make a ticket of this mail from the Mail Log: its classification is overridden. */
  recovery?: MailRecovery;
}

/**
 * The HTTP door a mail came through and what only that door could tell (control data, never a
 * header of the mail): a relay's spam score sent beside the MIME. Absent on `/api/inbound`.
 */
export interface MailDoor {
  kind: 'sendgrid' | 'mailgun' | 'postmark';
  /** The relay's own spam score (SpamAssassin scale), when it sends one outside the MIME. */
  spamScore?: number;
}

/** The Mail Log item (in the tenant's site) an agent set to `Make ticket`. */
export interface MailRecovery {
  /** The item's id in the `Mail Log` list. */
  itemId: string;
}

/** What a door may add to a staged mail's queue message besides the bytes. */
export interface StageExtra {
  source?: MailSource;
  door?: MailDoor;
  recovery?: MailRecovery;
}

/**
 * The mailbox message a staged mail was read from, so the end of the pipeline can mark it
 * (lib/mailbox/settle.ts). Control data only: ids and the connected address, never a header.
 */
export interface MailSource {
  kind: 'mailbox';
  /** The connected mailbox's address, lower-case (its record in the `mailboxes` container). */
  mailbox: string;
  /** The mailbox owner's Entra object id and the message's immutable id, as Graph gave them. */
  userId: string;
  messageId: string;
}

/** The blob side: a mail's sealed bytes, from the door until it is in SharePoint. */
export interface MailStaging {
  stage(tenant: string, mailbox: string, raw: Buffer, extra?: StageExtra): Promise<MailMessage>;
  /** The staged bytes, or undefined when the blob is gone (the mail was already written). */
  read(message: MailMessage): Promise<Buffer | undefined>;
  remove(message: MailMessage): Promise<void>;
  /** How many mails of a tenant are staged (in flight, held or poisoned). */
  countStaged(tenant: string): Promise<number>;
  ready(): Promise<void>;
  /** One live round trip to the blob container and the queue (health); never cached. */
  probe(): Promise<void>;
}

/** The queue side: what happens to a mail's message other than the trigger consuming it. */
export interface MailQueue {
  /** Moves a message that can never succeed to the poison queue at once; its blob stays. */
  poison(message: unknown, code: string): Promise<void>;
  /** Puts the mail back on the queue, invisible for `delaySeconds`, its blob kept. */
  hold(message: MailMessage, delaySeconds: number): Promise<void>;
}

export function parseMailMessage(value: unknown): MailMessage {
  const m = (typeof value === 'string' ? safeJson(value) : value) as Partial<MailMessage> | null;
  const ok =
    m !== null &&
    typeof m === 'object' &&
    m.v === 1 &&
    [m.mailId, m.blob, m.tenant, m.mailbox, m.receivedAt].every(
      (s) => typeof s === 'string' && s,
    ) &&
    (m.noticed === undefined || typeof m.noticed === 'boolean') &&
    (m.source === undefined || isMailSource(m.source)) &&
    (m.door === undefined || isMailDoor(m.door)) &&
    (m.recovery === undefined || isMailRecovery(m.recovery));
  if (!ok) throw new PermanentError('bad-queue-message', 'queue message is not a staged mail');
  return m as MailMessage;
}

// Graph ids are long base64 strings; 512 characters is far above any, and bounds a forged message.
const MAX_SOURCE_FIELD = 512;

function isMailSource(value: unknown): value is MailSource {
  const s = value as Partial<MailSource> | null;
  return (
    s !== null &&
    typeof s === 'object' &&
    s.kind === 'mailbox' &&
    [s.mailbox, s.userId, s.messageId].every(
      (f) => typeof f === 'string' && f.length > 0 && f.length <= MAX_SOURCE_FIELD,
    )
  );
}

const DOORS: readonly string[] = ['sendgrid', 'mailgun', 'postmark'];

function isMailDoor(value: unknown): value is MailDoor {
  const d = value as Partial<MailDoor> | null;
  return (
    d !== null &&
    typeof d === 'object' &&
    DOORS.includes(d.kind as string) &&
    (d.spamScore === undefined || Number.isFinite(d.spamScore))
  );
}

function isMailRecovery(value: unknown): value is MailRecovery {
  const r = value as Partial<MailRecovery> | null;
  return (
    r !== null &&
    typeof r === 'object' &&
    typeof r.itemId === 'string' &&
    /^[0-9]{1,12}$/.test(r.itemId)
  );
}

/** JSON.parse that answers null for text that is not JSON (a queue message is untrusted). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Base64 of the JSON, as the Functions host's queue trigger expects (messageEncoding base64). */
export function encodeQueueMessage(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}
