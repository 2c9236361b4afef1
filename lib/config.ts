/**
 * Typed settings, read once from the environment (Azure: app settings; local: local.settings*.json
 * loaded by the dev host). A bad value stops start-up with a ConfigError naming the key.
 */
import { ConfigError } from './errors';
import {
  type Env,
  basicCredentials,
  dataRegion,
  httpsUrl,
  positiveInt,
  required,
  settleMs,
} from './configRead';
import { masterKeyFrom } from './storage/crypto';

// Callers import these from here, with the rest of the configuration.
export { EU_REGIONS, dataRegion, positiveInt } from './configRead';

export interface GraphSettings {
  clientId: string;
  clientSecret: string;
  /** Entra authority, e.g. https://login.microsoftonline.com (MSAL wants https). */
  authorityHost: string;
  /** Graph root without the version, e.g. https://graph.microsoft.com. */
  baseUrl: string;
}

export type StorageSettings =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'identity'; blobUrl: string; queueUrl: string; clientId: string | undefined };

export interface Config {
  dataRegion: string;
  storage: StorageSettings;
  cosmos: { endpoint: string; key: string | undefined; database: string };
  graph: GraphSettings;
  /** Largest raw mail accepted at the door; larger ones get 413 before anything is staged. */
  maxMailBytes: number;
  /** JWK Set of Ed25519 private keys signing licence answers (first signs); checked by createSigner. */
  licenseSigningKeys: string;
  /** Wraps the per-tenant data keys that encrypt logs and staged mail (AES-256). */
  logMasterKey: Buffer;
  /** More mails than `limit` from one sender to one tenant within the window are dropped. */
  senderBurst: { limit: number; windowSeconds: number };
  /** The app's own address (PUBLIC_BASE_URL), where Graph posts mailbox notifications. */
  publicBaseUrl: string | undefined;
  /**
   * The outbox timer (issue 9): items left `Sending` are looked for every `sweepEveryMinutes`
   * minutes, once older than `staleSendingMs` (unset: the outbox's own default).
   */
  outbox: {
    sweepEveryMinutes: number;
    staleSendingMs: number | undefined;
    /** How long a comment rests unchanged before it is sent (unset: the outbox's default). */
    settleMs: number | undefined;
  };
  /**
   * The relay doors' own secrets (lib/relays, docs/relays.md); unset, that relay's route answers
   * 503. SendGrid has none beyond the function key.
   */
  relays: {
    /** Mailgun's webhook signing key (MAILGUN_SIGNING_KEY): HMAC key of its signature. */
    mailgunSigningKey: string | undefined;
    /** Postmark's webhook basic auth as `user:password` (POSTMARK_INBOUND_CREDENTIALS). */
    postmarkCredentials: string | undefined;
  };
}

// 35 MiB: what Exchange Online accepts by default, so a mail a customer could send us fits.
const DEFAULT_MAX_MAIL_BYTES = 35 * 1024 * 1024;
// 150 MiB: Exchange Online's hard ceiling; above it no relay will hand us the mail anyway.
const MAX_MAX_MAIL_BYTES = 150 * 1024 * 1024;

/**
 * The storage account, as the Functions host reads it: a connection string in
 * `AzureWebJobsStorage` (the local stack, Azurite), or, in Azure, no key at all: an
 * identity-based connection from `AzureWebJobsStorage__accountName` (or the explicit
 * `__blobServiceUri` / `__queueServiceUri`), with `__clientId` naming a user-assigned identity.
 */
export function storageSettings(env: Env): StorageSettings {
  const connectionString = env.AzureWebJobsStorage?.trim();
  if (connectionString) return { kind: 'connectionString', connectionString };
  const account = env.AzureWebJobsStorage__accountName?.trim();
  const blobUrl =
    env.AzureWebJobsStorage__blobServiceUri?.trim() ||
    (account && `https://${account}.blob.core.windows.net`);
  const queueUrl =
    env.AzureWebJobsStorage__queueServiceUri?.trim() ||
    (account && `https://${account}.queue.core.windows.net`);
  if (!blobUrl || !queueUrl) {
    throw new ConfigError(
      'AzureWebJobsStorage',
      'set a connection string, or AzureWebJobsStorage__accountName for an identity-based connection',
    );
  }
  return {
    kind: 'identity',
    blobUrl,
    queueUrl,
    clientId: env.AzureWebJobsStorage__clientId?.trim() || env.AZURE_CLIENT_ID?.trim() || undefined,
  };
}

// 20 mails in 15 minutes: far more than a person writes to a helpdesk, far fewer than an alert
// storm or a mail loop sends; past it, each further mail would be one more ticket to close.
const DEFAULT_SENDER_BURST = { limit: 20, windowSeconds: 15 * 60 };

export function loadConfig(env: Env = process.env): Config {
  return {
    dataRegion: dataRegion(env),
    storage: storageSettings(env),
    cosmos: {
      endpoint: httpsUrl(env, 'COSMOS_ENDPOINT'),
      // No key in Azure: the function's managed identity (Cosmos local auth is disabled there).
      key: env.COSMOS_KEY?.trim() || undefined,
      database: env.COSMOS_DATABASE?.trim() || 'helpdesk',
    },
    graph: {
      clientId: required(env, 'GRAPH_CLIENT_ID'),
      clientSecret: required(env, 'GRAPH_CLIENT_SECRET'),
      authorityHost: httpsUrl(env, 'GRAPH_AUTHORITY_HOST'),
      baseUrl: httpsUrl(env, 'GRAPH_BASE_URL'),
    },
    maxMailBytes: positiveInt(env, 'MAIL_MAX_BYTES', DEFAULT_MAX_MAIL_BYTES, MAX_MAX_MAIL_BYTES),
    licenseSigningKeys: required(env, 'LICENSE_SIGNING_KEYS'),
    logMasterKey: masterKeyFrom(env.LOG_MASTER_KEY),
    senderBurst: {
      limit: positiveInt(env, 'MAIL_SENDER_BURST_LIMIT', DEFAULT_SENDER_BURST.limit, 10_000),
      // At most a day: the window is also how long Cosmos keeps a sender's count.
      windowSeconds: positiveInt(
        env,
        'MAIL_SENDER_BURST_WINDOW_SECONDS',
        DEFAULT_SENDER_BURST.windowSeconds,
        86_400,
      ),
    },
    // Optional: only connecting a mailbox needs it. Graph calls https only; the local simulator
    // also calls the local host over http.
    publicBaseUrl: env.PUBLIC_BASE_URL?.trim()
      ? httpsUrl(env, 'PUBLIC_BASE_URL', ['https:', 'http:'])
      : undefined,
    outbox: {
      sweepEveryMinutes: positiveInt(env, 'OUTBOX_SWEEP_EVERY_MINUTES', 5, 60),
      // At most a day: an item claimed longer ago than that is stuck, not slow.
      staleSendingMs: env.OUTBOX_STALE_SENDING_MS?.trim()
        ? positiveInt(env, 'OUTBOX_STALE_SENDING_MS', 1, 86_400_000)
        : undefined,
      // 0 (tests) sends a comment as soon as it is found; at most 10 minutes.
      settleMs: settleMs(env),
    },
    relays: {
      mailgunSigningKey: env.MAILGUN_SIGNING_KEY?.trim() || undefined,
      postmarkCredentials: basicCredentials(env, 'POSTMARK_INBOUND_CREDENTIALS'),
    },
  };
}
