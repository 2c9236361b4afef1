/**
 * A connected support mailbox as the service keeps it: operational state only (ids, times, the
 * delta link), no mail and no secret. The subscription's clientState is derived when needed
 * (clientState.ts), so nothing here could let someone forge a notification.
 */
export interface MailboxRecord {
  /** `${tenant}|${address}`: one record per tenant and address. */
  id: string;
  /** The tenant's SharePoint domain (its key in the tenant store). */
  tenant: string;
  /** The support address, lower-case. */
  address: string;
  /** The mailbox owner's Entra object id, which every Exchange path uses. */
  userId: string;
  subscriptionId?: string;
  subscriptionExpiresAt?: string;
  /** Where the next catch-up starts (Graph's `@odata.deltaLink`, or a nextLink left half-way). */
  deltaLink?: string;
  /** When the last catch-up finished. */
  lastSyncAt?: string;
  /** When a catch-up last started afresh instead of from the deltaLink (sync.ts, once a day). */
  freshRoundAt?: string;
  /** Folder ids of Helpdesk/Processed and Helpdesk/Not a ticket, cached to spare requests. */
  folders?: { processed?: string; notATicket?: string };
  connectedAt: string;
}

export function mailboxId(tenant: string, address: string): string {
  return `${tenant.toLowerCase()}|${address.trim().toLowerCase()}`;
}
