/**
 * Sending through the customer's own mailbox (docs/graph.md, "Mail (Exchange Online)"):
 * `POST /users/{mailbox}/sendMail` with the whole MIME, base64, as `text/plain`, because only MIME
 * carries our Message-ID and the threading headers (JSON messages take `X-` headers only). Graph
 * answers 202 and keeps a copy in Sent Items, where findSent looks for a message by its
 * internetMessageId before a mail left half-sent is sent again.
 *
 * The app holds `Mail.Send` scoped by Exchange RBAC for Applications to the support mailbox, as
 * it holds Mail.ReadWrite; without it Exchange answers 403 ErrorAccessDenied, a configuration
 * error for an operator: MailSendAccessError is permanent and names the permission.
 */
import { PermanentError } from '../errors';
import type { Exchange } from '../mailbox/exchange';
import { type Page, userPath } from '../mailbox/paths';
import { isGraphCallError } from '../sharepoint/graphCallError';
import { odataString } from '../sharepoint/odata';

export class MailSendAccessError extends PermanentError {
  override name = 'MailSendAccessError';

  /** `permission`: Mail.Send to send; Mail.ReadWrite to build a draft with large files. */
  constructor(readonly permission = 'Mail.Send') {
    super(
      'graph-access-denied',
      `the app may not send from this mailbox: grant ${permission} scoped to it with Exchange RBAC for Applications`,
    );
  }
}

/**
 * Sent Items may not be read (a mailbox granted Mail.Send only): whether a mail went out cannot be
 * known. Not a MailSendAccessError: the mailbox may still send.
 */
export class SentItemsAccessError extends PermanentError {
  override name = 'SentItemsAccessError';

  constructor() {
    super(
      'graph-access-denied',
      'the app may not read Sent Items of this mailbox: grant Mail.ReadBasic scoped to it with Exchange RBAC for Applications',
    );
  }
}

const accessDenied = (err: unknown): boolean =>
  isGraphCallError(err) && err.status === 403 && err.graphCode === 'ErrorAccessDenied';

/** A call that needs a mailbox permission: its refusal becomes a MailSendAccessError naming it. */
export async function withMailPermission<T>(
  permission: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (accessDenied(err)) throw new MailSendAccessError(permission);
    throw err;
  }
}

export async function sendMime(exchange: Exchange, mailbox: string, raw: Buffer): Promise<void> {
  await withMailPermission('Mail.Send', () =>
    exchange.post(`${userPath(mailbox)}/sendMail`, raw.toString('base64'), {
      op: 'send mail',
      contentType: 'text/plain',
      atMostOnce: true,
    }),
  );
}

interface SentMessage {
  id?: unknown;
  internetMessageId?: unknown;
}

/**
 * The Sent Items id of the message we sent with this Message-ID (`<…>`), if it is there. Needs
 * read access to the mailbox (Mail.ReadBasic is enough): refused, a SentItemsAccessError.
 */
export async function findSent(
  exchange: Exchange,
  mailbox: string,
  messageId: string,
): Promise<string | undefined> {
  const page = await exchange
    .get<Page<SentMessage>>(`${userPath(mailbox)}/mailFolders('sentitems')/messages`, {
      op: 'find sent mail',
      query: {
        $filter: `internetMessageId eq ${odataString(messageId)}`,
        $select: 'id,internetMessageId',
      },
    })
    .catch((err: unknown) => {
      throw accessDenied(err) ? new SentItemsAccessError() : err;
    });
  // Exchange compares as it likes (case, brackets); ours is exact.
  const found = page.value.find((m) => m.internetMessageId === messageId);
  return typeof found?.id === 'string' ? found.id : undefined;
}
