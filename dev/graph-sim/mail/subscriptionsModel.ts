/**
 * Change-notification subscriptions as the simulator keeps them in its state file, one list per
 * tenant beside its sites and mailboxes. Types only, like ../model.ts.
 */

export interface SubscriptionState {
  id: string;
  /** The creating app: only it (in this tenant) sees, renews or deletes the subscription. */
  appId: string;
  /** As the client sent it, echoed back unchanged. */
  resource: string;
  changeType: string;
  notificationUrl: string;
  /** Graph takes it only at creation; lifecycle events go there. */
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: string;
  /** The watched mailbox, resolved at creation so a later rename cannot move the watch. */
  userId: string;
  /** The watched folder's id; null watches every folder (`users/{id}/messages`). */
  folderId: string | null;
  /** Created with `Prefer: IdType="ImmutableId"`: notifications name messages by immutable id. */
  immutableIds: boolean;
}
