/**
 * A site provisioned before the Mail Log existed, upgraded while a host runs (directory.ts): the
 * host's cached ids get the Mail Log once they are MAIL_LOG_RECHECK_MS old, with no restart, and
 * cost nothing more before that. The directory's clock is moved, nothing waits.
 */
import { GraphHelpdeskDirectory, MAIL_LOG_RECHECK_MS } from '../../lib/sharepoint/directory';
import { provisionHelpdesk } from '../../lib/sharepoint/provision';
import { provisionBeforeMailLog } from '../support/siteBeforeMailLog';
import { CONTOSO, EMPTY, type SimWorld, startSimWorld } from './sharepointSim';

let world: SimWorld;

beforeAll(async () => {
  world = await startSimWorld({ provision: false });
});

afterAll(() => world?.close());

describe('a site upgraded with the Mail Log while a host runs', () => {
  it('when the cached ids have no Mail Log, then the site is opened again after the re-check time, not before', async () => {
    await provisionBeforeMailLog(world.clients.forTenant(CONTOSO), EMPTY);
    let clock = 1_000_000;
    const directory = new GraphHelpdeskDirectory(world.settings, {
      clients: world.clients,
      now: () => clock,
    });
    const site = { entraTenantId: CONTOSO, siteUrl: EMPTY };
    expect((await directory.open(site)).mailLog).toBeUndefined();

    await provisionHelpdesk(world.clients.forTenant(CONTOSO), EMPTY);
    clock += MAIL_LOG_RECHECK_MS - 1;
    const early = await world.counted(() => directory.open(site));
    expect(early.requests).toBe(0);
    expect(early.result.mailLog).toBeUndefined();

    clock += 1;
    const due = await world.counted(() => directory.open(site));
    expect(due.requests).toBe(2);
    expect(due.result.mailLog).toBeDefined();

    // With the Mail Log the ids are kept again for the life of the process.
    clock += 10 * MAIL_LOG_RECHECK_MS;
    expect((await world.counted(() => directory.open(site))).requests).toBe(0);
  });
});
