import type { FunctionDefinition } from './definition';
import { lazy } from './lazy';

const load = lazy(() =>
  Promise.all([
    import('../lib/deps'),
    import('../lib/tenants/data'),
    import('../lib/tenants/dataDeps'),
    import('../lib/tenants/licenceEnd'),
  ]),
);

/**
 * Daily: erases each tenant whose licence ended more than 30 days ago and removes old erasure
 * tombstones (lib/tenants/licenceEnd.ts). Test hosts start it disabled: a test runs it through
 * the admin API, so it never erases the tenants of other tests on its own.
 */
export async function licenceEnd(): Promise<void> {
  const [{ getDeps }, { eraseTenant }, { tenantDataDeps }, { runLicenceEnd }] = await load();
  const deps = getDeps();
  const data = await tenantDataDeps(deps);
  await runLicenceEnd(
    {
      tenants: deps.tenants,
      tombstones: data.tombstones,
      erase: (domain, now) => eraseTenant(domain, data, now),
      log: deps.log,
    },
    new Date(),
  );
}

export const licenceEndFunction: FunctionDefinition = {
  name: 'licenceEnd',
  trigger: 'timer',
  // NCRONTAB with seconds: 03:41 UTC daily, off the hour and away from the other timers.
  options: { schedule: '0 41 3 * * *', handler: licenceEnd },
};
