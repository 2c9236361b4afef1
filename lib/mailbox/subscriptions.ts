/**
 * The change-notification subscription of a connected mailbox: new messages of its inbox, to
 * the function app's /api/mailbox/notify, lifecycle events to /api/mailbox/lifecycle (settable
 * only at creation). Three days of life, renewed by the timer once less than a day is left:
 * well under Outlook's maximum of 10,080 minutes, and a missed renewal or two still leaves time.
 */
import { ConfigError } from '../errors';
import { isNotFound } from '../sharepoint/graphCallError';
import { clientStateFor } from './clientState';
import type { OpenMailbox } from './context';
import type { MailboxDeps } from './deps';
import { inboxResource, subscriptionPath } from './paths';

export const SUBSCRIPTION_LIFETIME_MS = 3 * 24 * 3600 * 1000;
export const RENEW_WITHIN_MS = 24 * 3600 * 1000;

interface Subscription {
  id: string;
  expirationDateTime?: string;
}

/** The app's public address; connecting checks it first, so a bad setup leaves nothing half done. */
export function publicBaseUrl(deps: Pick<MailboxDeps, 'config'>): string {
  const base = deps.config.publicBaseUrl;
  if (!base) throw new ConfigError('PUBLIC_BASE_URL', 'is required to connect a mailbox');
  return base;
}

function expiry(deps: MailboxDeps): string {
  return new Date(deps.now().getTime() + SUBSCRIPTION_LIFETIME_MS).toISOString();
}

/** Creates the subscription (Graph first calls our notify URL to validate it) and records it. */
export async function createSubscription(opened: OpenMailbox, deps: MailboxDeps): Promise<void> {
  const base = publicBaseUrl(deps);
  const { record, exchange } = opened;
  const created = await exchange.post<Subscription>(
    '/subscriptions',
    {
      changeType: 'created',
      notificationUrl: `${base}/api/mailbox/notify`,
      lifecycleNotificationUrl: `${base}/api/mailbox/lifecycle`,
      resource: inboxResource(record.userId),
      expirationDateTime: expiry(deps),
      clientState: clientStateFor(deps.config.clientStateKey, record),
    },
    { op: 'create subscription' },
  );
  const updated = await deps.mailboxes.update(record, () => ({
    subscriptionId: created.id,
    subscriptionExpiresAt: created.expirationDateTime,
  }));
  if (updated) opened.record = updated;
  deps.log.write({ event: 'mailbox.subscription', tenant: record.tenant, outcome: 'created' });
}

/** Extends the subscription; one Graph no longer has (expired, removed) is created anew. */
export async function renewSubscription(
  opened: OpenMailbox,
  deps: MailboxDeps,
): Promise<'renewed' | 'recreated'> {
  const { record, exchange } = opened;
  if (!record.subscriptionId) {
    await createSubscription(opened, deps);
    return 'recreated';
  }
  try {
    const renewed = await exchange.patch<Subscription>(
      subscriptionPath(record.subscriptionId),
      { expirationDateTime: expiry(deps) },
      { op: 'renew subscription' },
    );
    const updated = await deps.mailboxes.update(record, () => ({
      subscriptionExpiresAt: renewed.expirationDateTime,
    }));
    if (updated) opened.record = updated;
    deps.log.write({ event: 'mailbox.subscription', tenant: record.tenant, outcome: 'renewed' });
    return 'renewed';
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await createSubscription(opened, deps);
    return 'recreated';
  }
}

/** Runs `call` on the subscription's path; false when there is none, in the record or in Graph. */
async function onSubscription(
  opened: OpenMailbox,
  call: (path: string) => Promise<unknown>,
): Promise<boolean> {
  const id = opened.record.subscriptionId;
  if (!id) return false;
  try {
    await call(subscriptionPath(id));
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** Whether Graph still has the subscription (one it removed early told us nothing, or was missed). */
export function subscriptionExists(opened: OpenMailbox): Promise<boolean> {
  return onSubscription(opened, (path) => opened.exchange.get(path, { op: 'read subscription' }));
}

/** Deletes the subscription in Graph; true when there was one to delete. */
export function deleteSubscription(opened: OpenMailbox): Promise<boolean> {
  return onSubscription(opened, (path) =>
    opened.exchange.delete(path, { op: 'delete subscription' }),
  );
}

/** Replaces the subscription: the old one is deleted first (if Graph still has it). */
export async function recreateSubscription(opened: OpenMailbox, deps: MailboxDeps): Promise<void> {
  await deleteSubscription(opened);
  await createSubscription(opened, deps);
}

/** Answers a `reauthorizationRequired` lifecycle event; one Graph lost is the timer's to recreate. */
export async function reauthorizeSubscription(opened: OpenMailbox): Promise<void> {
  await onSubscription(opened, (path) =>
    opened.exchange.post(`${path}/reauthorize`, {}, { op: 'reauthorize subscription' }),
  );
}
