/**
 * The simulated Exchange side of the outbound integration suites: a support mailbox the app may
 * read (and, when `send`, send from), and the mail that reached outside recipients.
 */
import type { SentMail } from '../../dev/graph-sim/mail/sendOutbox';
import { type Exchange, GraphExchangeTenants } from '../../lib/mailbox/exchange';
import { CONTOSO, type SimWorld, startSimWorld } from './sharepointSim';

export async function supportMailbox(w: SimWorld, address: string, send: boolean): Promise<void> {
  const box = `tenants/${CONTOSO}/mailboxes/${encodeURIComponent(address)}`;
  await w.admin('PUT', box, { displayName: 'Support' });
  await w.admin('PUT', `${box}/grant`, {});
  if (send) await w.admin('PUT', `${box}/grant?role=send`, {});
}

/** Every mail the simulated Exchange delivered outside, oldest first. */
export async function delivered(w: SimWorld): Promise<SentMail[]> {
  return ((await w.admin('GET', 'sent')) as { value: SentMail[] }).value;
}

export const SENDING = 'support@contoso.com';
export const NOT_SENDING = 'help@contoso.com';

/**
 * A suite's simulator (started before its tests, closed after) with the mailbox SENDING, which
 * may send, NOT_SENDING, which may not, and the real Exchange client of the tenant.
 */
export function sendingWorld(): { sim: () => SimWorld; exchange: () => Exchange } {
  let w: SimWorld | undefined;
  let exchange: Exchange | undefined;
  beforeAll(async () => {
    w = await startSimWorld({ provision: false });
    await supportMailbox(w, SENDING, true);
    await supportMailbox(w, NOT_SENDING, false);
    exchange = new GraphExchangeTenants(w.settings).forTenant(CONTOSO);
  });
  afterAll(() => w?.close());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the simulator is not started yet');
    return value;
  };
  return { sim: () => ready(w), exchange: () => ready(exchange) };
}
