/**
 * Test harness: an in-process simulator on a free port plus the real SDKs pointed at it
 * (@azure/identity's ClientSecretCredential and the Graph client, configured as docs/graph.md
 * "Connecting the real SDKs" says). Callers need NODE_EXTRA_CA_CERTS naming the local certificate.
 */
import { ClientSecretCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';

import { ensureLocalCert } from '../certs';
import type { FaultConfig } from './faults';
import { type GraphSimulator, startGraphSimulator } from './server';

export const TEST_APP = {
  clientId: '11111111-1111-4111-8111-111111111111',
  clientSecret: 'sim-test-secret',
};
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface TestSimulator {
  url: string;
  sim: GraphSimulator;
  /** Registers a tenant and its sites; returns the site ids in the order of `paths`. */
  addTenant(tenantId: string, hostname: string, paths: string[]): Promise<string[]>;
  admin(method: string, path: string, body?: unknown): Promise<RawResponse>;
  credential(tenantId: string, secret?: string, clientId?: string): ClientSecretCredential;
  client(tenantId: string): Client;
  /** A Graph call with a valid token for `tenantId`, bypassing the SDK (raw status and headers). */
  graphFetch(
    tenantId: string,
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<RawResponse>;
  close(): Promise<void>;
}

async function toRaw(res: Response): Promise<RawResponse> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

export async function startTestSimulator(
  opts: {
    stateFile?: string;
    faults?: Partial<FaultConfig>;
    uploadSessionLifetimeSeconds?: number;
  } = {},
): Promise<TestSimulator> {
  const { cert, key } = await ensureLocalCert();
  const sim = await startGraphSimulator({ port: 0, cert, key, ...TEST_APP, ...opts });
  const url = sim.url;
  const credentials = new Map<string, ClientSecretCredential>();

  const credential = (
    tenantId: string,
    secret = TEST_APP.clientSecret,
    clientId = TEST_APP.clientId,
  ): ClientSecretCredential =>
    new ClientSecretCredential(tenantId, clientId, secret, {
      authorityHost: url,
      disableInstanceDiscovery: true,
    });

  const sharedCredential = (tenantId: string): ClientSecretCredential => {
    let c = credentials.get(tenantId);
    if (!c) credentials.set(tenantId, (c = credential(tenantId)));
    return c;
  };

  const admin = async (method: string, path: string, body?: unknown): Promise<RawResponse> =>
    toRaw(
      await fetch(`${url}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );

  return {
    url,
    sim,
    admin,
    credential,
    async addTenant(tenantId, hostname, paths) {
      const res = await admin('PUT', `/_admin/tenants/${tenantId}`, { hostname, sites: paths });
      if (res.status !== 200)
        throw new Error(`addTenant: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { sites: { id: string }[] }).sites.map((s) => s.id);
    },
    client(tenantId) {
      const authProvider = new TokenCredentialAuthenticationProvider(sharedCredential(tenantId), {
        scopes: [GRAPH_SCOPE],
      });
      return Client.initWithMiddleware({
        authProvider,
        baseUrl: url,
        customHosts: new Set(['localhost']),
      });
    },
    async graphFetch(tenantId, method, path, init = {}) {
      const token = await sharedCredential(tenantId).getToken(GRAPH_SCOPE);
      const headers: Record<string, string> = {
        authorization: `Bearer ${token.token}`,
        ...init.headers,
      };
      let body: string | Buffer | undefined;
      if (Buffer.isBuffer(init.body) || typeof init.body === 'string') body = init.body;
      else if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      return toRaw(
        await fetch(`${url}/v1.0${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body }),
        }),
      );
    },
    close: () => sim.close(),
  };
}
