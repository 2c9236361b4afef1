/**
 * Composition root: builds the SDK clients once per process from the configuration and hands lib/
 * code the small interfaces it needs. Functions call getDeps(); tests build their own deps.
 */
import { type Config, loadConfig } from './config';
import type { CheckDeps } from './licensing/check';
import { CallerLimits } from './licensing/limits';
import { entraProof } from './licensing/proof';
import { createSigner } from './licensing/signing';
import { CosmosTenantStore, type TenantStore } from './licensing/tenants';
import type { EventLog } from './log';
import type { HelpdeskDirectory } from './sharepoint/helpdesk';
import { GraphHelpdeskDirectory } from './sharepoint/site';
import { blobService } from './storage/clients';
import { CosmosContainers } from './storage/cosmos';
import { CosmosKeyRing, type KeyRing } from './storage/keyring';
import { EncryptedLogSink, LOGS_CONTAINER } from './storage/logs';
import { CosmosSenderBursts, type SenderBursts } from './storage/senderBursts';
import { BlobMailStaging, type MailQueue, type MailStaging } from './storage/staging';

export interface Deps {
  config: Config;
  cosmos: CosmosContainers;
  keys: KeyRing;
  staging: MailStaging;
  queue: MailQueue;
  tenants: TenantStore;
  helpdesks: HelpdeskDirectory;
  senders: SenderBursts;
  log: EventLog & { close(): Promise<void> };
}

export function buildDeps(config: Config): Deps {
  const cosmos = CosmosContainers.connect(
    config.cosmos.endpoint,
    config.cosmos.key,
    config.cosmos.database,
  );
  const keys = new CosmosKeyRing(() => cosmos.get('keys'), config.logMasterKey);
  const logs = blobService(config.storage).getContainerClient(LOGS_CONTAINER);
  const staging = new BlobMailStaging(config.storage, keys);
  return {
    config,
    cosmos,
    keys,
    staging,
    queue: staging,
    tenants: new CosmosTenantStore(cosmos),
    helpdesks: new GraphHelpdeskDirectory(config.graph),
    senders: new CosmosSenderBursts(() => cosmos.get('senders'), keys, config.senderBurst),
    log: new EncryptedLogSink(logs, keys),
  };
}

/** What the licence endpoint needs; the signer is built once (importing the key is async). */
export async function buildCheckDeps(
  deps: Deps,
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
