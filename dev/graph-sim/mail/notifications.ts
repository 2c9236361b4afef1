/**
 * Change and lifecycle notifications. When a message is created in a folder (delivered or moved
 * in, mail/events.ts), every live subscription watching that folder of that mailbox gets a
 * `created` notification carrying its clientState, sent after the causing request has been
 * answered (notificationsDelivery.ts). The knob (notificationsKnobs.ts) drops, duplicates or
 * delays them; lifecycle events are sent on demand by the admin API.
 */
import { createHash, randomUUID } from 'node:crypto';

import { mulberry32 } from '../../seeded';
import { badRequest } from '../errors';
import type { TenantState } from '../model';
import type { Store } from '../state';
import type { MailCreated } from './events';
import { Deliveries, type DeliveryCounts } from './notificationsDelivery';
import { KNOBS_OFF, type NotificationKnobs, parseKnobs } from './notificationsKnobs';
import type { SubscriptionState } from './subscriptionsModel';
import {
  type SubscriptionRef,
  findSubscription,
  liveSubscriptions,
  removeSubscription,
} from './subscriptionsStore';

export const LIFECYCLE_EVENTS = ['missed', 'subscriptionRemoved', 'reauthorizationRequired'];

/** What `GET /_admin/notifications` shows: the knob and what happened since it was set. */
export interface NotificationState extends NotificationKnobs, DeliveryCounts {
  dropped: number;
  duplicated: number;
}

/** The message's id as the subscriber knows it, and its etag (Exchange's change key). */
function messageRef(tenant: TenantState, sub: SubscriptionState, messageId: string) {
  const mailbox = tenant.mailboxes?.find((m) => m.userId === sub.userId);
  const message = mailbox?.messages.find((m) => m.id === messageId || m.restId === messageId);
  if (!message) {
    return { id: messageId, etag: createHash('sha256').update(messageId).digest('base64') };
  }
  return { id: sub.immutableIds ? message.id : message.restId, etag: message.changeKey };
}

function changeNotification(tenant: TenantState, sub: SubscriptionState, messageId: string) {
  const message = messageRef(tenant, sub, messageId);
  const resource = `Users/${sub.userId}/Messages/${message.id}`;
  return {
    id: randomUUID(),
    subscriptionId: sub.id,
    subscriptionExpirationDateTime: sub.expirationDateTime,
    clientState: sub.clientState,
    changeType: 'created',
    resource,
    tenantId: tenant.id,
    resourceData: {
      '@odata.type': '#Microsoft.Graph.Message',
      '@odata.id': resource,
      '@odata.etag': `W/"${message.etag}"`,
      id: message.id,
    },
  };
}

export class Notifications {
  private knobs = KNOBS_OFF;
  private draw = mulberry32(KNOBS_OFF.seed);
  private dropped = 0;
  private duplicated = 0;
  private readonly deliveries = new Deliveries();
  private readonly stop: () => void;

  constructor(private readonly store: Store) {
    this.stop = store.mail.on('created', (event) => this.created(event));
  }

  get current(): NotificationState {
    const { dropped, duplicated } = this;
    return { ...this.knobs, dropped, duplicated, ...this.deliveries.counts };
  }

  /** Applies a whole knob and restarts the seeded sequence and the counts. */
  configure(input: unknown): NotificationState {
    this.knobs = parseKnobs(input);
    this.draw = mulberry32(this.knobs.seed);
    this.dropped = 0;
    this.duplicated = 0;
    this.deliveries.resetCounts();
    return this.current;
  }

  private created(event: MailCreated): void {
    const tenant = this.store.state.tenants.find((t) => t.id === event.tenantId);
    if (!tenant) return;
    for (const sub of liveSubscriptions(this.store, tenant)) {
      if (sub.userId !== event.userId || !sub.changeType.split(',').includes('created')) continue;
      if (sub.folderId !== null && sub.folderId !== event.folderId) continue;
      this.send(tenant, sub, event.messageId);
    }
  }

  private send(tenant: TenantState, sub: SubscriptionState, messageId: string): void {
    if (this.draw() < this.knobs.drop) {
      this.dropped++;
      return;
    }
    const copies = this.draw() < this.knobs.duplicate ? 2 : 1;
    if (copies === 2) this.duplicated++;
    const body = { value: [changeNotification(tenant, sub, messageId)] };
    // Graph sends nothing for a subscription that expired or was deleted meanwhile.
    const wanted = (): boolean => findSubscription(this.store, sub.id) !== undefined;
    for (let i = 0; i < copies; i++) {
      this.deliveries.schedule({ url: sub.notificationUrl, body, wanted }, this.knobs.delayMs);
    }
  }

  /** Sends a lifecycle event; `subscriptionRemoved` also deletes the subscription, as Graph has. */
  lifecycle(ref: SubscriptionRef, event: unknown): void {
    if (typeof event !== 'string' || !LIFECYCLE_EVENTS.includes(event)) {
      throw badRequest(`event must be one of ${LIFECYCLE_EVENTS.join(', ')}.`);
    }
    const { tenant, sub } = ref;
    if (!sub.lifecycleNotificationUrl) {
      throw badRequest('The subscription has no lifecycleNotificationUrl.');
    }
    if (event === 'subscriptionRemoved') removeSubscription(this.store, ref);
    const body = {
      value: [
        {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: sub.expirationDateTime,
          tenantId: tenant.id,
          clientState: sub.clientState,
          lifecycleEvent: event,
        },
      ],
    };
    this.deliveries.schedule({ url: sub.lifecycleNotificationUrl, body }, 0);
  }

  close(): void {
    this.stop();
    this.deliveries.close();
  }
}
