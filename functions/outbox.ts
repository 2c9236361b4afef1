import type { FunctionDefinition } from './definition';
import { lazy } from './lazy';

const load = lazy(() =>
  Promise.all([import('../lib/deps'), import('../lib/outboxDeps'), import('../lib/outbound/tick')]),
);

/**
 * Every minute: sends what waits `To send` in each tenant's helpdesk (acks of new tickets, agents'
 * replies), and every few minutes also settles items a crashed run left `Sending`
 * (lib/outbound/tick.ts). All mail out goes through here, never through processMail.
 */
export async function outbox(): Promise<void> {
  const [{ getDeps }, { buildOutboxTickDeps }, { outboxTick }] = await load();
  await outboxTick(buildOutboxTickDeps(getDeps()), new Date());
}

export const outboxFunction: FunctionDefinition = {
  name: 'outbox',
  trigger: 'timer',
  // NCRONTAB with seconds: at second 0 of every minute (an agent's reply goes out within a minute).
  options: { schedule: '0 */1 * * * *', handler: outbox },
};
