/**
 * `/subscriptions`: change notifications on a mailbox's messages. Creating one resolves the
 * watched mailbox and folder (RBAC applies as on every mailbox route), runs the validation
 * handshake on both URLs, and keeps the subscription with the tenant. Only the creating app in
 * its tenant sees it; expired ones are gone (subscriptionsStore.ts).
 */
import { type GraphContext, param } from '../context';
import { badRequest } from '../errors';
import { type SimResponse, header, json, jsonBody, noContent } from '../http';
import { newGuid, stableGuid } from '../state';
import {
  parseChangeType,
  parseClientState,
  parseExpiry,
  parseResource,
  parseUrl,
} from './subscriptionsInput';
import { validateEndpoint } from './subscriptionsHandshake';
import type { SubscriptionState } from './subscriptionsModel';
import { watchedMailbox } from './subscriptionsMailbox';
import {
  type SubscriptionRef,
  ownSubscription,
  ownSubscriptions,
  removeSubscription,
} from './subscriptionsStore';

/** The documented fields of a created subscription; the rest are Graph's defaults for mail. */
export function subscriptionJson({ tenant, sub }: SubscriptionRef): Record<string, unknown> {
  return {
    id: sub.id,
    resource: sub.resource,
    applicationId: sub.appId,
    changeType: sub.changeType,
    clientState: sub.clientState,
    notificationUrl: sub.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: sub.lifecycleNotificationUrl,
    expirationDateTime: sub.expirationDateTime,
    // App-only: the app's service principal in the tenant, the `oid` of its tokens (auth.ts).
    creatorId: stableGuid(tenant.id, sub.appId, 'service-principal'),
    includeResourceData: false,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

const entity = (ctx: GraphContext, ref: SubscriptionRef): Record<string, unknown> => ({
  '@odata.context': `${ctx.req.baseUrl}/v1.0/$metadata#subscriptions/$entity`,
  ...subscriptionJson(ref),
});

export async function createSubscription(ctx: GraphContext): Promise<SimResponse> {
  const body = jsonBody(ctx.req);
  if (body.includeResourceData === true) {
    throw badRequest('includeResourceData is not supported for mail by the simulator.');
  }
  const changeType = parseChangeType(body.changeType);
  const notificationUrl = parseUrl('notificationUrl', body.notificationUrl);
  const lifecycle = body.lifecycleNotificationUrl;
  const lifecycleNotificationUrl =
    lifecycle === undefined || lifecycle === null
      ? null
      : parseUrl('lifecycleNotificationUrl', lifecycle);
  const clientState = parseClientState(body.clientState);
  const { tenant, userId, folderId } = watchedMailbox(ctx, parseResource(body.resource));
  const expirationDateTime = parseExpiry(body.expirationDateTime, Date.now());
  await validateEndpoint(notificationUrl);
  if (lifecycleNotificationUrl) await validateEndpoint(lifecycleNotificationUrl);
  const sub: SubscriptionState = {
    id: newGuid(),
    appId: ctx.claims.appid,
    resource: body.resource as string,
    changeType,
    notificationUrl,
    lifecycleNotificationUrl,
    clientState,
    expirationDateTime,
    userId,
    folderId,
    immutableIds: /IdType\s*=\s*"?ImmutableId"?/i.test(header(ctx.req, 'prefer') ?? ''),
  };
  (tenant.subscriptions ??= []).push(sub);
  ctx.store.changed();
  return json(201, entity(ctx, { tenant, sub }));
}

export const getSubscription = (ctx: GraphContext): SimResponse =>
  json(200, entity(ctx, ownSubscription(ctx.store, ctx.claims, param(ctx, 'subscription-id'))));

export const listSubscriptions = (ctx: GraphContext): SimResponse =>
  json(200, {
    '@odata.context': `${ctx.req.baseUrl}/v1.0/$metadata#subscriptions`,
    value: ownSubscriptions(ctx.store, ctx.claims).map(subscriptionJson),
  });

/** Renewal: only the expiry changes here, under the limits of creation. */
export function patchSubscription(ctx: GraphContext): SimResponse {
  const ref = ownSubscription(ctx.store, ctx.claims, param(ctx, 'subscription-id'));
  const body = jsonBody(ctx.req);
  const other = Object.keys(body).find((k) => k !== 'expirationDateTime');
  if (other) throw badRequest(`The simulator renews only expirationDateTime, not ${other}.`);
  ref.sub.expirationDateTime = parseExpiry(body.expirationDateTime, Date.now());
  ctx.store.changed();
  return json(200, entity(ctx, ref));
}

export function deleteSubscription(ctx: GraphContext): SimResponse {
  removeSubscription(
    ctx.store,
    ownSubscription(ctx.store, ctx.claims, param(ctx, 'subscription-id')),
  );
  return noContent();
}

/** After `reauthorizationRequired`: nothing to re-check here, the caller's token is valid. */
export function reauthorizeSubscription(ctx: GraphContext): SimResponse {
  ownSubscription(ctx.store, ctx.claims, param(ctx, 'subscription-id'));
  return noContent();
}
