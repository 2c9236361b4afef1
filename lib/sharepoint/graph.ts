/**
 * Graph clients, one per customer Entra tenant: the app registration is multi-tenant and app-only,
 * so each tenant needs its own client-credentials token (authority = that tenant). Clients are
 * cached per tenant, which also keeps MSAL's token cache (about an hour per token) warm.
 *
 * Middleware chain (the SDK's default with our retry in place of its RetryHandler, see retry.ts):
 * the stage's abort signal (signalHandler.ts) → authentication → telemetry (client-request-id,
 * kept the same across retries) → bounded retry → pacing on SharePoint's RateLimit headers
 * (pacer.ts; each attempt, retries too) → redirect → HTTP.
 */
import { ClientSecretCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';

import type { GraphSettings } from '../config';
import { PermanentError } from '../errors';
import { graphPort } from './graphPort';
import { type PacerDeps, RateLimitPacer } from './pacer';
import { BoundedRetryHandler, DEFAULT_RETRY_POLICY, RetryDeps, RetryPolicy } from './retry';
import { SignalHandler } from './signalHandler';

export { graphPort } from './graphPort';

/** App-only tokens ask for the app's granted permissions (Sites.Selected) through `/.default`. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphCall {
  /** A fixed label for errors ("create ticket"); never a path, since paths carry filter values. */
  op: string;
  /** OData and other query options; values are URL-encoded here. */
  query?: Readonly<Record<string, string>>;
  /** Request headers, e.g. If-Match for an update that must not overwrite a concurrent one. */
  headers?: Readonly<Record<string, string>>;
}

/** The few Graph verbs the helpdesk uses; errors come out as PermanentError / TransientError. */
export interface Graph {
  get<T>(path: string, call: GraphCall): Promise<T>;
  post<T>(path: string, body: object, call: GraphCall): Promise<T>;
  patch<T>(path: string, body: object, call: GraphCall): Promise<T>;
  /** Binary content (a file upload); set its Content-Type in `call.headers`. */
  put<T>(path: string, body: Buffer, call: GraphCall): Promise<T>;
  /** A file's bytes, or 'too-large' as soon as they pass `maxBytes` (the rest is not read). */
  download(path: string, maxBytes: number, call: GraphCall): Promise<Buffer | 'too-large'>;
}

export interface GraphClientOptions {
  retry?: RetryPolicy;
  /** Tests replace sleeping and the clock. */
  retryDeps?: RetryDeps;
  /** Tests replace the pacer's sleeping and clock, or leave it out (false) to see 429s. */
  pacer?: PacerDeps | false;
}

// An Entra tenant is a GUID or a verified domain; anything else must not reach the authority URL.
const TENANT_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9.-]{1,253})$/i;

export function createGraphClient(
  settings: GraphSettings,
  entraTenantId: string,
  options: GraphClientOptions = {},
): Client {
  if (!TENANT_ID.test(entraTenantId)) {
    throw new PermanentError('invalid-tenant', 'Entra tenant id is neither a GUID nor a domain');
  }
  const credential = new ClientSecretCredential(
    entraTenantId,
    settings.clientId,
    settings.clientSecret,
    // No instance discovery: the authority is ours to name (the local simulator, sovereign clouds).
    { authorityHost: settings.authorityHost, disableInstanceDiscovery: true },
  );
  const authProvider = new TokenCredentialAuthenticationProvider(credential, {
    scopes: [GRAPH_SCOPE],
  });
  // The SDK links a custom chain in array order (HTTPClient.parseMiddleWareArray).
  const middleware = [
    new SignalHandler(),
    new AuthenticationHandler(authProvider),
    new TelemetryHandler(),
    new BoundedRetryHandler(options.retry ?? DEFAULT_RETRY_POLICY, options.retryDeps),
    ...(options.pacer === false ? [] : [new RateLimitPacer(options.pacer)]),
    new RedirectHandler(new RedirectHandlerOptions()),
    new HTTPMessageHandler(),
  ];
  const base = new URL(settings.baseUrl);
  // The SDK attaches the bearer token only to Graph hosts and `customHosts` (host name, no port).
  const customHosts =
    base.hostname === 'graph.microsoft.com' ? undefined : new Set([base.hostname]);
  return Client.initWithMiddleware({ middleware, baseUrl: settings.baseUrl, customHosts });
}

/** Graph for a customer tenant. */
export interface GraphTenants {
  forTenant(entraTenantId: string): Graph;
}

/** One Graph port per Entra tenant, created on first use. */
export class GraphClients implements GraphTenants {
  private readonly byTenant = new Map<string, Graph>();

  constructor(
    private readonly settings: GraphSettings,
    private readonly options: GraphClientOptions = {},
  ) {}

  forTenant(entraTenantId: string): Graph {
    const key = entraTenantId.toLowerCase();
    let graph = this.byTenant.get(key);
    if (!graph) {
      graph = graphPort(createGraphClient(this.settings, entraTenantId, this.options));
      this.byTenant.set(key, graph);
    }
    return graph;
  }
}
