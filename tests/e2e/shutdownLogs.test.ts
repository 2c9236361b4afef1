/**
 * The host's stop runs the app's stop hook: log lines still buffered (the sink writes once a
 * second) are written before the process exits, not lost with it.
 */
import { loadConfig } from '../../lib/config';
import { buildDeps } from '../../lib/deps';
import { LOGS_CONTAINER, readLogs } from '../../lib/storage/logs';
import { blobService } from '../../lib/storage/clients';
import { startHost } from '../support/stack';
import { eventually, mail, newTenant, postMail, settings } from './support';

it('when the host is stopped right after a mail is written, then its log events are not lost', async () => {
  const [host, tenant] = await Promise.all([startHost(), newTenant()]);
  const deps = buildDeps(loadConfig(settings()));
  const support = tenant.supportAddresses[0] ?? '';
  const posted = await postMail(host.url, mail({ to: support }), support);
  expect(posted.status).toBe(202);
  // The staged copy goes right before the outcome is logged: stop at once after that.
  await eventually(async () =>
    (await deps.staging.countStaged(tenant.domain)) === 0 ? true : undefined,
  );
  await host.stop();
  const { events } = await readLogs(
    blobService(deps.config.storage).getContainerClient(LOGS_CONTAINER),
    await deps.keys.keyFor(tenant.domain),
    tenant.domain,
    { since: new Date(Date.now() - 3600_000) },
  );
  await deps.log.close();
  expect(events).toContainEqual(
    expect.objectContaining({ event: 'mail.processed', mailId: posted.body.id }),
  );
});
