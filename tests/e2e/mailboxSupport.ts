/**
 * End-to-end helpers for the mailbox door: a fresh tenant whose support address is a mailbox in
 * the Graph simulator, connected with the operator's own code (connectMailbox), mail delivered
 * into it as SMTP would, and the mailbox read back as an agent in Outlook sees it (folders and
 * categories). The simulator's admin API stands in for Exchange's administrators and for faults.
 */
import { buildDeps, buildMailboxDeps } from '../../lib/deps';
import { loadConfig } from '../../lib/config';
import { connectMailbox, maintainMailboxes } from '../../lib/mailbox';
import { SUBSCRIPTION_LIFETIME_MS } from '../../lib/mailbox/subscriptions';
import { registerSimMailbox } from '../../dev/seed';
import { type FreshTenant, freshTenant } from './setup';
import { type ListItem, type TestTenant, eventually, readList, settings } from './support';

async function sim(method: string, path: string, body?: object | Buffer): Promise<unknown> {
  const raw = Buffer.isBuffer(body);
  const res = await fetch(`${settings().GRAPH_BASE_URL}/_admin/${path}`, {
    method,
    headers: { 'content-type': raw ? 'message/rfc822' : 'application/json' },
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`graph-sim admin ${method} ${path}: HTTP ${res.status}`);
  return res.status === 204 ? undefined : res.json();
}

const box = (address: string): string => encodeURIComponent(address);

/** A fresh tenant whose support address is a simulated mailbox the app may read. */
export async function tenantWithMailbox(): Promise<FreshTenant> {
  const fresh = await freshTenant();
  await registerSimMailbox(
    settings().GRAPH_BASE_URL ?? '',
    fresh.tenant.entraTenantId,
    fresh.support,
  );
  return fresh;
}

/**
 * The mailbox door's deps as the host builds them, with `hostUrl` as the app's public address;
 * `use` runs with them and their buffered log lines are written before this returns.
 */
async function withMailboxDeps<T>(
  hostUrl: string,
  use: (deps: ReturnType<typeof buildMailboxDeps>) => Promise<T>,
  now: () => Date = () => new Date(),
): Promise<T> {
  const deps = buildDeps(loadConfig({ ...settings(), PUBLIC_BASE_URL: hostUrl }));
  try {
    return await use(buildMailboxDeps(deps, now));
  } finally {
    await deps.log.close();
  }
}

/** What the operator's `connect-mailbox` does: access check, folders, subscription, catch-up. */
export function connect(hostUrl: string, tenant: TestTenant, address: string) {
  return withMailboxDeps(hostUrl, (deps) => connectMailbox(deps, tenant.domain, address));
}

/** The host runs its mailboxSync timer now (the Functions admin API), not at the next quarter. */
export async function runSyncTimer(hostUrl: string): Promise<void> {
  const res = await fetch(`${hostUrl}/admin/functions/mailboxSync`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-functions-key': settings().LOCAL_FUNCTION_KEY ?? '',
    },
    body: JSON.stringify({ input: '' }),
  });
  expect(res.status).toBe(202);
}

/**
 * The sync timer's round as it runs once the subscription's lifetime has passed unrenewed (the
 * app was down for days): its clock that much later, its work done here, not by the host.
 */
export function syncTimerAfterExpiry(hostUrl: string) {
  const later = new Date(Date.now() + SUBSCRIPTION_LIFETIME_MS + 3600_000);
  return withMailboxDeps(
    hostUrl,
    (deps) => maintainMailboxes(deps, later),
    () => later,
  );
}

/** Delivers a raw mail into the mailbox's inbox, as SMTP delivery would; its message id. */
export async function deliver(address: string, raw: Buffer): Promise<string> {
  return ((await sim('POST', `mailboxes/${box(address)}/deliver`, raw)) as { id: string }).id;
}

export interface MailboxMessage {
  id: string;
  /** e.g. "Inbox", "Helpdesk/Processed". */
  folder: string;
  categories: string[];
  subject: string;
}

export async function mailboxMessages(address: string): Promise<MailboxMessage[]> {
  return ((await sim('GET', `mailboxes/${box(address)}/messages`)) as { value: MailboxMessage[] })
    .value;
}

/** The mailbox's messages once `done` holds for them. */
export function mailboxWhen(
  address: string,
  done: (messages: MailboxMessage[]) => boolean,
  timeoutMs?: number,
): Promise<MailboxMessage[]> {
  return eventually(async () => {
    const messages = await mailboxMessages(address);
    return done(messages) ? messages : undefined;
  }, timeoutMs);
}

/** Drop, duplicate or delay change notifications (seeded); `{}` resets. */
export async function notificationKnobs(knobs: {
  drop?: number;
  duplicate?: number;
  delayMs?: number;
  seed?: number;
}): Promise<void> {
  await sim('PUT', 'notifications', knobs);
}

/** The live subscription ids of a tenant's mailboxes in the simulator. */
export async function subscriptionsOf(tenant: TestTenant): Promise<string[]> {
  const all = (await sim('GET', 'subscriptions')) as {
    value: Array<{ id: string; tenantId: string }>;
  };
  const tid = tenant.entraTenantId.toLowerCase();
  return all.value.filter((s) => s.tenantId === tid).map((s) => s.id);
}

/** Graph sends a lifecycle event for the subscription (missed, subscriptionRemoved, ...). */
export async function lifecycle(subscriptionId: string, event: string): Promise<void> {
  await sim('POST', `subscriptions/${subscriptionId}/lifecycle`, { event });
}

/** The subscription expires now (Graph deletes it and tells no one). */
export async function expire(subscriptionId: string): Promise<void> {
  await sim('POST', `subscriptions/${subscriptionId}/expire`, {});
}

/** The Exchange administrator takes the app's access to the mailbox away. */
export async function revokeGrant(tenant: TestTenant, address: string): Promise<void> {
  await sim('DELETE', `tenants/${tenant.entraTenantId}/mailboxes/${box(address)}/grant`);
}

/**
 * The tickets once there are `count`, and still exactly `count` after the queue had time to
 * deliver anything late (a duplicate notification, a redelivered job).
 */
export async function exactlyTickets(
  tenant: TestTenant,
  count: number,
  timeoutMs = 45_000,
): Promise<ListItem[]> {
  await eventually(async () => {
    const items = await readList(tenant, 'Tickets');
    if (items.length > count) throw new Error(`${items.length} tickets, expected ${count}`);
    return items.length === count ? items : undefined;
  }, timeoutMs);
  await new Promise((r) => setTimeout(r, 3000));
  const settled = await readList(tenant, 'Tickets');
  expect(settled).toHaveLength(count);
  return settled;
}
