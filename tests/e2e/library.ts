/**
 * End-to-end helpers for files: multipart mails with attachments and inline images, and the
 * tenant's `Ticket Attachments` library read back through Graph with the real SDK.
 */
import { randomUUID } from 'node:crypto';

import { ResponseType } from '@microsoft/microsoft-graph-client';

import { loadConfig } from '../../lib/config';
import { createGraphClient } from '../../lib/sharepoint/graph';
import { resolveSiteId } from '../../lib/sharepoint/provision';
import { GraphClients } from '../../lib/sharepoint/graph';
import { type TestTenant, settings } from './support';

export interface Part {
  type: string;
  name?: string;
  /** Content-ID without brackets: an inline image of a multipart/related body. */
  cid?: string;
  data: Buffer;
}

const base64Lines = (data: Buffer): string =>
  data.toString('base64').replace(/.{76}(?=.)/g, '$&\r\n');

/** A mail with an HTML (or text) body and parts: inline ones related to the body, others mixed. */
export function mimeMail(fields: {
  to: string;
  from?: string;
  subject?: string;
  html?: string;
  text?: string;
  messageId?: string;
  headers?: string[];
  parts: Part[];
}): Buffer {
  const mixed = `m-${randomUUID()}`;
  const related = `r-${randomUUID()}`;
  const encode = (p: Part): string[] => [
    `Content-Type: ${p.type}${p.name ? `; name="${p.name}"` : ''}`,
    ...(p.cid ? [`Content-ID: <${p.cid}>`, 'Content-Disposition: inline'] : []),
    ...(!p.cid && p.name ? [`Content-Disposition: attachment; filename="${p.name}"`] : []),
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(p.data),
  ];
  const body = fields.html
    ? ['Content-Type: text/html; charset=utf-8', '', fields.html]
    : ['Content-Type: text/plain; charset=utf-8', '', fields.text ?? 'See the attachments.'];
  const inline = fields.parts.filter((p) => p.cid);
  const relatedPart = [
    `Content-Type: multipart/related; boundary="${related}"`,
    '',
    `--${related}`,
    ...body,
    ...inline.flatMap((p) => [`--${related}`, ...encode(p)]),
    `--${related}--`,
  ];
  const lines = [
    `From: ${fields.from ?? 'Anna Example <anna@example.com>'}`,
    `To: ${fields.to}`,
    `Subject: ${fields.subject ?? 'Files'}`,
    `Message-ID: ${fields.messageId ?? `<${randomUUID()}@example.com>`}`,
    'Date: Sun, 22 Nov 2026 09:15:00 +0100',
    'MIME-Version: 1.0',
    ...(fields.headers ?? []),
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
    '',
    `--${mixed}`,
    ...(inline.length > 0 ? relatedPart : body),
    ...fields.parts.filter((p) => !p.cid).flatMap((p) => [`--${mixed}`, ...encode(p)]),
    `--${mixed}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

export interface DriveItem {
  id: string;
  name: string;
  size: number;
  webUrl: string;
  file?: object;
  folder?: object;
}

async function library(tenant: TestTenant): Promise<{ drive: string }> {
  const graph = new GraphClients(loadConfig(settings()).graph).forTenant(tenant.entraTenantId);
  const siteId = await resolveSiteId(graph, tenant.siteUrl);
  const drive = await graph.get<{ id: string }>(
    `/sites/${siteId}/lists/${encodeURIComponent('Ticket Attachments')}/drive`,
    { op: 'test: library' },
  );
  return { drive: drive.id };
}

const client = (tenant: TestTenant) =>
  createGraphClient(loadConfig(settings()).graph, tenant.entraTenantId);
const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** The items of a folder of the library (`12`, `12/40`), following pages; [] when missing. */
export async function folderItems(tenant: TestTenant, path: string): Promise<DriveItem[]> {
  const { drive } = await library(tenant);
  const items: DriveItem[] = [];
  let next: string | undefined = `/drives/${drive}/root:/${encodePath(path)}:/children`;
  try {
    while (next) {
      const page: { value: DriveItem[]; '@odata.nextLink'?: string } = await client(tenant)
        .api(next)
        .get();
      items.push(...page.value);
      next = page['@odata.nextLink'];
    }
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return [];
    throw err;
  }
  return items;
}

/** A file's bytes, downloaded through Graph. */
export async function download(tenant: TestTenant, path: string): Promise<Buffer> {
  const { drive } = await library(tenant);
  const data: ArrayBuffer = await client(tenant)
    .api(`/drives/${drive}/root:/${encodePath(path)}:/content`)
    .responseType(ResponseType.ARRAYBUFFER)
    .get();
  return Buffer.from(data);
}
