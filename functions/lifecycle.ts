/**
 * What the app does when its worker starts and stops, in one place for Azure (functions/index.ts
 * registers them as app hooks) and the local host (dev/host runs them around serving).
 */
import { getDeps } from '../lib/deps';
import { checkCosmosRegions } from '../lib/regions';

// Configuration (DATA_REGION among it) is validated when the deps are built; the Cosmos
// account's own write regions are read once at start. A failure stops the worker from serving.
export async function onStart(): Promise<void> {
  const deps = getDeps();
  await checkCosmosRegions(deps.config.cosmos.endpoint, () => deps.cosmos.writeRegions());
}

// Buffered log lines are written before the worker goes away.
export async function onStop(): Promise<void> {
  await getDeps().log.close();
}
