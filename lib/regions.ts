/**
 * The service's data stays in the EU: DATA_REGION is checked with the configuration, and a real
 * Cosmos account's write regions are read at start-up and must all be EU regions too (an
 * operator could add a non-EU region to the account without touching our settings).
 */
import { EU_REGIONS } from './config';
import { PermanentError } from './errors';

/** "West Europe" (as the account reports it) → "westeurope" (as settings name it). */
export function regionName(displayName: string): string {
  return displayName.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function isLocal(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

export async function checkCosmosRegions(
  endpoint: string,
  writeRegions: () => Promise<string[]>,
): Promise<string[]> {
  // The local Cosmos server has no regions; there is nothing to check.
  if (isLocal(endpoint)) return [];
  const regions = (await writeRegions()).map(regionName);
  const outside = regions.filter((r) => !EU_REGIONS.has(r));
  if (regions.length === 0 || outside.length > 0) {
    throw new PermanentError(
      'cosmos-region',
      `Cosmos write regions outside the EU: ${outside.join(', ') || 'none reported'}`,
    );
  }
  return regions;
}
