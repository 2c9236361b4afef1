/** A licence's status on a given day. */
import type { Licence } from '../tenants/store';

export type LicenceStatus = 'valid' | 'expired' | 'unknown' | 'suspended';

/** `expiresAt` is the last valid day (UTC): a licence expiring today is still valid today. */
export function licenceStatus(licence: Licence | undefined, now: Date): LicenceStatus {
  if (!licence) return 'unknown';
  if (licence.suspended) return 'suspended';
  return now.toISOString().slice(0, 10) <= licence.expiresAt ? 'valid' : 'expired';
}
