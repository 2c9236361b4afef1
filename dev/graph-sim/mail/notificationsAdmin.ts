/**
 * The admin endpoints of notifications, for tests: the knob (`GET|PUT /_admin/notifications`),
 * every tenant's live subscriptions (`GET /_admin/subscriptions`), expiring one now (Graph deletes
 * an expired subscription and tells no one) and sending a lifecycle event.
 */
import { type SimRequest, type SimResponse, json, jsonBody, noContent } from '../http';
import type { Store } from '../state';
import type { Notifications } from './notifications';
import { subscriptionJson } from './subscriptions';
import {
  adminSubscriptionNotFound,
  findSubscription,
  liveSubscriptions,
  removeSubscription,
} from './subscriptionsStore';

export interface NotificationsAdminDeps {
  store: Store;
  notifications: Notifications;
}

const ONE = /^POST \/_admin\/subscriptions\/([^/]+)\/(expire|lifecycle)$/;

/** `route` is `METHOD /path`; undefined when the route is not one of these. */
export function handleNotificationsAdmin(
  route: string,
  req: SimRequest,
  deps: NotificationsAdminDeps,
): SimResponse | undefined {
  switch (route) {
    case 'GET /_admin/notifications':
      return json(200, deps.notifications.current);
    case 'PUT /_admin/notifications':
      return json(200, deps.notifications.configure(jsonBody(req)));
    case 'GET /_admin/subscriptions':
      return json(200, {
        value: deps.store.state.tenants.flatMap((tenant) =>
          liveSubscriptions(deps.store, tenant).map((sub) => ({
            tenantId: tenant.id,
            ...subscriptionJson({ tenant, sub }),
          })),
        ),
      });
  }
  const m = ONE.exec(route);
  if (!m?.[1]) return undefined;
  const id = m[1];
  const ref = findSubscription(deps.store, id);
  if (!ref) throw adminSubscriptionNotFound(id);
  if (m[2] === 'expire') {
    removeSubscription(deps.store, ref);
    return noContent();
  }
  deps.notifications.lifecycle(ref, jsonBody(req).event);
  return json(202, { subscriptionId: ref.sub.id });
}
