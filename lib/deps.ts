/**
 * Composition root: builds the SDK clients once per process from the configuration and hands lib/
 * code the small interfaces it needs. Functions call getDeps(); tests build their own deps.
 */
import { type Config, loadConfig } from './config';
import { CosmosTenantStore, type TenantStore, cosmosClient } from './licensing/tenants';
import { type EventLog, stdoutLog } from './log';
import type { HelpdeskDirectory } from './sharepoint/helpdesk';
import { GraphHelpdeskDirectory } from './sharepoint/site';
import { BlobMailStaging, type MailStaging } from './storage/staging';

export interface Deps {
  config: Config;
  staging: MailStaging;
  tenants: TenantStore;
  helpdesks: HelpdeskDirectory;
  log: EventLog;
}

export function buildDeps(config: Config, log: EventLog = stdoutLog): Deps {
  return {
    config,
    staging: new BlobMailStaging(config.storageConnection),
    tenants: new CosmosTenantStore(cosmosClient(config.cosmos.endpoint, config.cosmos.key), config.cosmos.database),
    helpdesks: new GraphHelpdeskDirectory(config.graph),
    log,
  };
}

let deps: Deps | undefined;

/** The process-wide deps, built on first use (configuration errors surface there, naming the key). */
export function getDeps(): Deps {
  deps ??= buildDeps(loadConfig());
  return deps;
}
