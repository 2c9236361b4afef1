/**
 * The support address a recovered mail is staged for: the one of the tenant's addresses the
 * original names where the door would have looked (Delivered-To above the top Received, then To
 * and Cc: mail/envelope.ts), else the tenant's first. The Mail Log keeps no mailbox column, and
 * the ticket's Mailbox decides which address the agents' replies go out from.
 */
import { candidateRecipients, readHeaderSection } from '../mail/envelope';
import type { TenantRecord } from '../tenants/store';

export function recoveryMailbox(
  raw: Buffer,
  tenant: Pick<TenantRecord, 'supportAddresses'>,
): string | undefined {
  const own = tenant.supportAddresses.map((a) => a.trim().toLowerCase());
  const head = readHeaderSection(raw);
  const named = head.ok ? candidateRecipients(head.fields) : [];
  return named.find((address) => own.includes(address.toLowerCase())) ?? own[0];
}
