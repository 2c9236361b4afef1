/**
 * What the app does when its worker starts and stops, in one place for Azure (functions/index.ts
 * registers them as app hooks) and the local host (dev/host runs them around serving).
 */
import { lazy } from './lazy';

const load = lazy(() => Promise.all([import('../lib/deps'), import('../lib/regions')]));

// Configuration (DATA_REGION among it) is validated when the deps are built; the Cosmos
// account's own write regions are read once at start. A failure stops the worker from serving.
export async function onStart(): Promise<void> {
  const [{ getDeps }, { checkCosmosRegions }] = await load();
  const deps = getDeps();
  await checkCosmosRegions(deps.config.cosmos.endpoint, () => deps.cosmos.writeRegions());
}

// Buffered log lines are written before the worker goes away.
export async function onStop(): Promise<void> {
  const [{ getDeps }] = await load();
  await getDeps().log.close();
}
