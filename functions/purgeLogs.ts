import type { FunctionDefinition } from './definition';
import { lazy } from './lazy';

const load = lazy(() => Promise.all([import('../lib/deps'), import('../lib/storage/retention')]));

/** Hourly: deletes logs and staged mail older than 7 days (the retention promise). */
export async function purgeLogs(): Promise<void> {
  const [{ getDeps }, { purgeExpired }] = await load();
  const { blobs, log } = getDeps();
  await purgeExpired([blobs.logs, blobs.staging], new Date(), log);
}

export const purgeLogsFunction: FunctionDefinition = {
  name: 'purgeLogs',
  trigger: 'timer',
  // NCRONTAB with seconds: at minute 7 of every hour (off the top of the hour, when timers pile up).
  options: { schedule: '0 7 * * * *', handler: purgeLogs },
};
