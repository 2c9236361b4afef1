/**
 * Which mailbox a `/users/{id-or-upn}/…` request addresses, as Exchange decides it: only users of
 * the caller's tenant exist for it (another tenant's user is as unknown as a made-up one), and a
 * mailbox outside the app's RBAC scope refuses every mail request with 403.
 */
import { type GraphContext, param } from '../context';
import { GraphError } from '../errors';
import { type SimResponse, header } from '../http';
import type { MailboxState } from './model';

export type MailHandler = (
  ctx: GraphContext,
  box: MailboxState,
) => SimResponse | Promise<SimResponse>;

/** The addressed user in the caller's tenant, by object id or address (case-insensitive). */
export function userOf(ctx: GraphContext): MailboxState | undefined {
  const wanted = param(ctx, 'user-id').toLowerCase();
  const tenant = ctx.store.state.tenants.find((t) => t.id === ctx.claims.tid);
  return tenant?.mailboxes?.find((b) => b.userId === wanted || b.address === wanted);
}

/** Which grant a request needs: Mail.ReadWrite for reading and filing, Mail.Send for sending. */
export type MailRole = 'readWrite' | 'send';

/** The addressed mailbox, which must exist and be in the app's scope (also for subscriptions). */
export function mailboxOf(ctx: GraphContext, role: MailRole = 'readWrite'): MailboxState {
  const box = userOf(ctx);
  if (!box) {
    throw new GraphError(
      404,
      'ErrorInvalidUser',
      `The requested user '${param(ctx, 'user-id')}' is invalid.`,
    );
  }
  if (!(role === 'send' ? box.sendGranted : box.granted)) {
    throw new GraphError(403, 'ErrorAccessDenied', 'Access to OData is disabled.');
  }
  return box;
}

/** A mail route: the user must exist, the mailbox be in scope, and a slot be free (gate.ts). */
export function mailRoute(
  handler: MailHandler,
  role: MailRole = 'readWrite',
): (ctx: GraphContext) => Promise<SimResponse> {
  return async (ctx) => {
    const box = mailboxOf(ctx, role);
    return await ctx.store.mailboxGate.run(ctx.claims.appid, box.userId, () => handler(ctx, box));
  };
}

/** `Prefer: IdType="ImmutableId"`: the caller wants ids that survive moves. */
export function wantsImmutableIds(ctx: GraphContext): boolean {
  return /\bIdType\s*=\s*"?ImmutableId"?/i.test(header(ctx.req, 'prefer') ?? '');
}

/** `Prefer: odata.maxpagesize=N`, when given and valid. */
export function maxPageSize(ctx: GraphContext): number | undefined {
  const n = /\bodata\.maxpagesize\s*=\s*(\d+)/i.exec(header(ctx.req, 'prefer') ?? '')?.[1];
  return n && Number(n) > 0 ? Number(n) : undefined;
}
