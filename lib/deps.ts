/**
 * Composition root: builds the SDK clients once per process from the configuration and hands lib/
 * code the small interfaces it needs. Functions call getDeps(); dev/ tools and tests build what
 * they need with the builders below (the storage ones in depsStores.ts), so the wiring is
 * written once.
 */
import { type Config, loadConfig } from './config';
import { type BlobContainers, blobContainers, buildLogSink, buildStores } from './depsStores';
import type { CheckDeps } from './licensing/check';
import { CallerLimits } from './licensing/limits';
import { entraProof } from './licensing/proof';
import { createSigner } from './licensing/signing';
import { lazyNotices } from './lazyNotices';
import type { EventLog } from './log';
import type { HelpdeskDirectory } from './sharepoint/helpdesk';
import { GraphHelpdeskDirectory } from './sharepoint/directory';
import {
  type ExchangeTenants,
  GraphExchangeTenants,
  type SettleOutcome,
  settleSource,
} from './mailbox';
import { buildMailboxDeps } from './mailboxDeps';
import type { SenderAcks } from './outbound/ack';
import type { Notices } from './outbound/notice';
import { CosmosSenderAcks } from './outbound/senderAcks';
import type { CosmosContainers } from './storage/cosmos';
import type { KeyRing } from './storage/keyring';
import { CosmosSenderBursts, type SenderBursts } from './storage/senderBursts';
import { BlobMailStaging } from './storage/blobStaging';
import type { MailMessage, MailQueue, MailStaging } from './storage/staging';
import type { TenantStore } from './tenants/store';

export { buildMailboxDeps };
// The store builders' home is depsStores.ts; callers import them from here, with the rest.
export {
  type BlobContainers,
  blobContainers,
  buildKeyRing,
  buildLogSink,
  buildStores,
  connectCosmos,
} from './depsStores';

export interface Deps {
  config: Config;
  cosmos: CosmosContainers;
  keys: KeyRing;
  /** The logs and staging containers, for the tools and the purge timer that list them. */
  blobs: BlobContainers;
  staging: MailStaging;
  queue: MailQueue;
  tenants: TenantStore;
  helpdesks: HelpdeskDirectory;
  senders: SenderBursts;
  /** Exchange clients per Entra tenant, for the mailbox door and mail out (one semaphore). */
  exchange: ExchangeTenants;
  /** Who got an ack or a notice within the hour: mail out's loop breaker. */
  acks: SenderAcks;
  notices: Notices;
  log: EventLog & { close(): Promise<void> };
  /** Marks a mailbox mail in its mailbox once the pipeline is done (lib/mailbox/settle.ts). */
  settle?: (message: MailMessage, outcome: SettleOutcome) => Promise<void>;
}

/** Everything a function needs; `overrides` replaces parts (a tool or test's own). */
export function buildDeps(config: Config, overrides: Partial<Deps> = {}): Deps {
  const { cosmos, keys, tenants } = buildStores(config);
  const blobs = blobContainers(config.storage);
  const staging = new BlobMailStaging(config.storage, keys);
  const deps: Deps = {
    config,
    cosmos,
    keys,
    blobs,
    staging,
    queue: staging,
    tenants,
    helpdesks: new GraphHelpdeskDirectory(config.graph),
    senders: new CosmosSenderBursts(() => cosmos.get('senders'), keys, config.senderBurst),
    exchange: new GraphExchangeTenants(config.graph),
    acks: new CosmosSenderAcks(() => cosmos.get('senderAcks'), keys),
    // Over the deps as built, overrides included.
    notices: lazyNotices(() => deps),
    log: buildLogSink(config, keys, blobs.logs),
    ...overrides,
  };
  // Built on the first mailbox mail only: relay-only deployments never open the mailbox side.
  deps.settle ??= (message, outcome) => settleSource(message, outcome, buildMailboxDeps(deps));
  return deps;
}

/** What the licence endpoint needs; the signer is built once (importing the key is async). */
export async function buildCheckDeps(
  deps: Pick<Deps, 'config' | 'tenants' | 'log'>,
  now: () => Date = () => new Date(),
): Promise<CheckDeps> {
  return {
    tenants: deps.tenants,
    signer: await createSigner(deps.config.licenseSigningKeys),
    limits: new CallerLimits(),
    proof: entraProof(deps.config.graph),
    log: deps.log,
    now,
  };
}

let deps: Deps | undefined;
let checkDeps: Promise<CheckDeps> | undefined;

/** The process-wide deps, built on first use (configuration errors surface there, naming the key). */
export function getDeps(): Deps {
  deps ??= buildDeps(loadConfig());
  return deps;
}

export function getCheckDeps(): Promise<CheckDeps> {
  checkDeps ??= buildCheckDeps(getDeps()).catch((err: unknown) => {
    checkDeps = undefined;
    throw err;
  });
  return checkDeps;
}
