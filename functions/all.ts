import type { FunctionDefinition } from './definition';
import { healthFunction } from './health';
import { inboundFunction } from './inbound';
import {
  inboundMailgunFunction,
  inboundPostmarkFunction,
  inboundSendGridFunction,
} from './inboundRelays';
import { licenceEndFunction } from './licenceEnd';
import { licenceFunction, licenceKeysFunction } from './license';
import { mailboxFetchFunction } from './mailboxFetch';
import { mailboxLifecycleFunction } from './mailboxLifecycle';
import { mailboxNotifyFunction } from './mailboxNotify';
import { mailboxSyncFunction } from './mailboxSync';
import { outboxFunction } from './outbox';
import { processMailFunction } from './processMail';
import { onStart, onStop } from './lifecycle';
import { purgeLogsFunction } from './purgeLogs';

/** Every function of the app: registered with Azure by index.ts and served by the local host. */
export const definitions: readonly FunctionDefinition[] = [
  inboundFunction,
  inboundSendGridFunction,
  inboundMailgunFunction,
  inboundPostmarkFunction,
  processMailFunction,
  healthFunction,
  licenceFunction,
  licenceKeysFunction,
  purgeLogsFunction,
  mailboxNotifyFunction,
  mailboxLifecycleFunction,
  mailboxFetchFunction,
  mailboxSyncFunction,
  outboxFunction,
  licenceEndFunction,
];

/** Run around serving: by Azure as app hooks (index.ts), by the local host itself. */
export const hooks = { start: onStart, stop: onStop };
