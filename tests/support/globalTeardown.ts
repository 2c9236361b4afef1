/** Stops the test stack started by globalSetup (every process of it) and frees its ports. */
import { RUN_KEY, type TestRun } from './globalSetup';

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as Record<string, unknown>)[RUN_KEY] as TestRun | undefined;
  await run?.stack?.stop();
  run?.lock.close();
}
