/**
 * Finding subscriptions in the state. Graph deletes a subscription once it expires, so every
 * lookup first removes the expired ones of the tenant: an expired subscription is simply gone
 * (404), whether it is read, renewed or about to be notified.
 */
import type { Claims } from '../auth';
import { GraphError } from '../errors';
import type { TenantState } from '../model';
import type { Store } from '../state';
import type { SubscriptionState } from './subscriptionsModel';

export interface SubscriptionRef {
  tenant: TenantState;
  sub: SubscriptionState;
}

const subscriptionNotFound = (): GraphError =>
  new GraphError(404, 'ResourceNotFound', 'The object was not found.');

/** The tenant's live subscriptions (the expired ones removed, and the removal saved). */
export function liveSubscriptions(
  store: Store,
  tenant: TenantState,
  now = Date.now(),
): SubscriptionState[] {
  const all = (tenant.subscriptions ??= []);
  const live = all.filter((s) => Date.parse(s.expirationDateTime) > now);
  if (live.length !== all.length) {
    tenant.subscriptions = live;
    store.changed();
  }
  return live;
}

/** The caller's own subscriptions: the same app in the same tenant, as Graph scopes them. */
export function ownSubscriptions(store: Store, claims: Claims): SubscriptionRef[] {
  const tenant = store.state.tenants.find((t) => t.id === claims.tid);
  if (!tenant) return [];
  return liveSubscriptions(store, tenant)
    .filter((sub) => sub.appId === claims.appid)
    .map((sub) => ({ tenant, sub }));
}

export function ownSubscription(store: Store, claims: Claims, id: string): SubscriptionRef {
  const ref = ownSubscriptions(store, claims).find((r) => r.sub.id === id.toLowerCase());
  if (!ref) throw subscriptionNotFound();
  return ref;
}

/** Any tenant's live subscription, for the admin API and the notifier. */
export function findSubscription(store: Store, id: string): SubscriptionRef | undefined {
  for (const tenant of store.state.tenants) {
    const sub = liveSubscriptions(store, tenant).find((s) => s.id === id.toLowerCase());
    if (sub) return { tenant, sub };
  }
  return undefined;
}

export function removeSubscription(store: Store, { tenant, sub }: SubscriptionRef): void {
  tenant.subscriptions = (tenant.subscriptions ?? []).filter((s) => s.id !== sub.id);
  store.changed();
}

export function adminSubscriptionNotFound(id: string): GraphError {
  return new GraphError(404, 'itemNotFound', `No live subscription ${id}.`);
}
