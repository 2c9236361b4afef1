/**
 * The mailbox and folder a subscription's resource names, found for the caller exactly as the
 * mailbox routes find them (access.ts): the caller's tenant only, RBAC applied (a mailbox outside
 * the app's scope is 403 `ErrorAccessDenied`), a folder by id or well-known name.
 */
import type { GraphContext } from '../context';
import type { TenantState } from '../model';
import { mailboxOf } from './access';
import { findFolder } from './mailboxes';
import type { WatchedResource } from './subscriptionsInput';

export interface Watched {
  tenant: TenantState;
  userId: string;
  folderId: string | null;
}

export function watchedMailbox(ctx: GraphContext, resource: WatchedResource): Watched {
  const box = mailboxOf({ ...ctx, params: { 'user-id': resource.user } });
  // mailboxOf found the mailbox in the caller's tenant, so the tenant is there.
  const tenant = ctx.store.state.tenants.find((t) => t.id === ctx.claims.tid) as TenantState;
  const folderId = resource.folder === undefined ? null : findFolder(box, resource.folder).id;
  return { tenant, userId: box.userId, folderId };
}
