/** Calls of the licence endpoint as installations and strangers make them (e2e licence tests). */
import { signInInstallation } from '../../dev/graph-sim/signIn';
import { loadConfig } from '../../lib/config';
import { buildStores } from '../../lib/deps';
import type { CosmosTenantStore } from '../../lib/tenants/cosmosStore';
import { type TestTenant, settings } from './support';

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export function store(): CosmosTenantStore {
  return buildStores(loadConfig(settings())).tenants;
}

/** A check of `site` from `from` (X-Forwarded-For); each caller of `checker` counts its own. */
export function checker(hostUrl: () => string, net = '198.51.100') {
  let client = 0;
  return async (site: string, init: RequestInit = {}, from = `${net}.${++client}`) => {
    const headers = new Headers(init.headers);
    if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', from);
    const url =
      init.method === 'POST' || init.method === 'OPTIONS'
        ? `${hostUrl()}/api/license`
        : `${hostUrl()}/api/license?site=${encodeURIComponent(site)}`;
    const res = await fetch(url, { ...init, headers });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    } satisfies Answer;
  };
}

/** The Entra token a web part of `tenant` sends, signed in at the simulator as `user`. */
export function tokenOf(tenant: TestTenant, user?: string): Promise<string> {
  const s = settings();
  return signInInstallation(
    s.GRAPH_AUTHORITY_HOST ?? '',
    tenant.entraTenantId,
    s.GRAPH_CLIENT_ID ?? '',
    user,
  );
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
