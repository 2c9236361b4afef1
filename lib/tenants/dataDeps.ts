/**
 * What a tenant's export and erasure need, built from the composition root's deps: written once
 * for the operator's `npm run tenant -- export|erase` and the licenceEnd timer.
 */
import { type Deps, buildMailboxDeps } from '../deps';
import { tenantMailboxes } from '../mailbox';
import type { TenantDataDeps } from './data';
import { tombstonesIn } from './tombstones';

export async function tenantDataDeps(deps: Deps): Promise<TenantDataDeps> {
  return {
    tenants: deps.tenants,
    keys: deps.keys,
    tombstones: tombstonesIn(deps.cosmos),
    senders: await deps.cosmos.get('senders'),
    senderAcks: await deps.cosmos.get('senderAcks'),
    // Exported with the tenant; erasing deletes their Graph subscriptions and records first.
    mailboxes: tenantMailboxes(buildMailboxDeps(deps)),
    ...deps.blobs,
  };
}
