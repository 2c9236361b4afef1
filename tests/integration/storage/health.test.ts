/**
 * Health answers from live calls: after a first good answer, an outage must still show.
 * Against the Cosmos server (its container deleted under a running store) and with fakes of our
 * own interfaces for the report itself.
 */
import { health } from '../../../lib/health';
import { CosmosTenantStore } from '../../../lib/tenants/cosmosStore';
import type { TenantStore } from '../../../lib/tenants/store';
import type { MailStaging } from '../../../lib/storage/staging';
import { cosmos } from './support';

describe('health', () => {
  it('when Cosmos loses what the store had opened, then the store probe fails though it was ready before', async () => {
    const containers = cosmos();
    const store = new CosmosTenantStore(containers);
    await store.ready();
    await store.probe();
    await (await containers.get('tenants')).delete();
    await store.ready(); // cached: says nothing about now
    await expect(store.probe()).rejects.toBeDefined();
  });

  it('when a dependency fails after a good answer, then the next answer is unhealthy and names it', async () => {
    let storageUp = true;
    const staging = {
      probe: async () => {
        if (!storageUp)
          throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
    } as unknown as MailStaging;
    const tenants = { probe: async () => undefined } as unknown as TenantStore;
    expect((await health({ staging, tenants })).ok).toBe(true);
    storageUp = false;
    const report = await health({ staging, tenants });
    expect(report.ok).toBe(false);
    expect(report.checks.storage).not.toBe('ok');
    expect(report.checks.cosmos).toBe('ok');
  });
});
