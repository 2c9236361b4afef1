/**
 * The mailbox door's deps (lib/mailbox) over the service's Deps; lib/deps.ts re-exports it, so
 * callers import every builder from one place.
 */
import type { Deps } from './deps';
import { BlobMailClaims, CosmosMailboxStore, type MailboxDeps, type MailboxJob } from './mailbox';
import { jsonQueue } from './storage/clients';
import { MAILBOX_QUEUE } from './storage/names';

const mailboxDeps = new WeakMap<Deps, MailboxDeps>();

/**
 * The mailbox door's deps over a Deps, built once per Deps (so one process has one Exchange
 * client per tenant, and one semaphore per mailbox, whoever asks).
 */
export function buildMailboxDeps(deps: Deps, now: () => Date = () => new Date()): MailboxDeps {
  let built = mailboxDeps.get(deps);
  if (!built) {
    const { config, cosmos } = deps;
    const queue = jsonQueue(config.storage, MAILBOX_QUEUE);
    built = {
      exchange: deps.exchange,
      mailboxes: new CosmosMailboxStore(() => cosmos.get('mailboxes')),
      tenants: deps.tenants,
      staging: deps.staging,
      claims: new BlobMailClaims(deps.blobs.staging, now),
      jobs: { send: (job: MailboxJob) => queue.send(job) },
      log: deps.log,
      config: {
        publicBaseUrl: config.publicBaseUrl,
        maxMailBytes: config.maxMailBytes,
        clientStateKey: config.logMasterKey,
        appId: config.graph.clientId,
      },
      now,
      notices: deps.notices,
    };
    mailboxDeps.set(deps, built);
  }
  return built;
}
