/**
 * End-to-end helpers: a fresh tenant per test (its own Entra tenant, site, support address and
 * lists, provisioned by the real provisioning code), mails posted to the host over HTTP, and
 * tickets read back through Graph with the real SDK.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { loadConfig } from '../../lib/config';
import type { TenantRecord } from '../../lib/tenants/store';
import { type Graph, GraphClients } from '../../lib/sharepoint/graph';
import { resolveSiteId } from '../../lib/sharepoint/provision';
import { seedTenant } from '../../dev/seed';
import { withLocalSecrets } from '../../dev/secrets';
import { testSettings } from '../support/stack';

export type TestTenant = Omit<TenantRecord, 'id' | 'installations'>;

export function settings(): Record<string, string> {
  return withLocalSecrets(testSettings());
}

export async function newTenant(
  licence: Partial<TenantRecord['licence']> = {},
): Promise<TestTenant> {
  const name = `t${randomBytes(4).toString('hex')}`;
  const tenant: TestTenant = {
    domain: `${name}.sharepoint.com`,
    alias: name,
    entraTenantId: randomUUID(),
    siteUrl: `https://${name}.sharepoint.com/sites/helpdesk`,
    supportAddresses: [`support@${name}.example`],
    licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false, ...licence },
  };
  await seedTenant(settings(), tenant);
  return tenant;
}

export function mail(fields: {
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  body?: string;
  html?: string;
  messageId?: string;
  headers?: string[];
}): Buffer {
  const lines = [
    `From: ${fields.from ?? 'Anna Example <anna@example.com>'}`,
    `To: ${fields.to ?? 'support@contoso.com'}`,
    ...(fields.cc ? [`Cc: ${fields.cc}`] : []),
    `Subject: ${fields.subject ?? 'Printer broken'}`,
    `Message-ID: ${fields.messageId ?? `<${randomUUID()}@example.com>`}`,
    'Date: Sun, 22 Nov 2026 09:15:00 +0100',
    'MIME-Version: 1.0',
    ...(fields.headers ?? []),
    `Content-Type: ${fields.html ? 'text/html' : 'text/plain'}; charset=utf-8`,
    '',
    fields.html ?? fields.body ?? 'It prints blank pages.',
  ];
  return Buffer.from(lines.join('\r\n'));
}

export async function postMail(
  hostUrl: string,
  raw: Buffer,
  recipient: string | undefined,
  key: string | undefined = settings().LOCAL_FUNCTION_KEY,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const query = recipient === undefined ? '' : `?recipient=${encodeURIComponent(recipient)}`;
  const res = await fetch(`${hostUrl}/api/inbound${query}`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', ...(key ? { 'x-functions-key': key } : {}) },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export interface ListItem {
  id: string;
  fields: Record<string, unknown>;
}

async function graphFor(tenant: TestTenant): Promise<{ graph: Graph; siteId: string }> {
  const graph = new GraphClients(loadConfig(settings()).graph).forTenant(tenant.entraTenantId);
  return { graph, siteId: await resolveSiteId(graph, tenant.siteUrl) };
}

/** Every item of a list, read through Graph as SharePoint would show it. */
export async function readList(
  tenant: TestTenant,
  list: 'Tickets' | 'Contacts' | 'Comments',
): Promise<ListItem[]> {
  const { graph, siteId } = await graphFor(tenant);
  const page = await graph.get<{ value: ListItem[] }>(`/sites/${siteId}/lists/${list}/items`, {
    op: 'read list',
    query: { $expand: 'fields', $top: '999' },
  });
  return page.value;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The tickets once there are exactly `count` of them (and still `count` a moment later). */
export async function ticketsWhen(
  tenant: TestTenant,
  count: number,
  timeoutMs?: number,
): Promise<ListItem[]> {
  const tickets = await eventually(async () => {
    const items = await readList(tenant, 'Tickets');
    return items.length >= count ? items : undefined;
  }, timeoutMs);
  return tickets;
}

export async function simAdmin(path: string, body?: object): Promise<unknown> {
  const res = await fetch(`${settings().GRAPH_BASE_URL}/_admin/${path}`, {
    method: body === undefined ? 'GET' : 'PUT',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`graph-sim admin ${path}: HTTP ${res.status}`);
  return res.json();
}
