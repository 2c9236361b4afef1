import { STAGING_CONTAINER } from '../lib/storage/names';
import type { FunctionDefinition } from './definition';
import { lazy } from './lazy';

const load = lazy(() =>
  Promise.all([
    import('../lib/deps'),
    import('../lib/storage/clients'),
    import('../lib/storage/logs'),
    import('../lib/storage/retention'),
  ]),
);

/** Hourly: deletes logs and staged mail older than 7 days (the retention promise). */
export async function purgeLogs(): Promise<void> {
  const [{ getDeps }, { blobService }, { LOGS_CONTAINER }, { purgeExpired }] = await load();
  const deps = getDeps();
  const service = blobService(deps.config.storage);
  const containers = [LOGS_CONTAINER, STAGING_CONTAINER].map((name) =>
    service.getContainerClient(name),
  );
  await purgeExpired(containers, new Date(), deps.log);
}

export const purgeLogsFunction: FunctionDefinition = {
  name: 'purgeLogs',
  trigger: 'timer',
  // NCRONTAB with seconds: at minute 7 of every hour (off the top of the hour, when timers pile up).
  options: { schedule: '0 7 * * * *', handler: purgeLogs },
};
