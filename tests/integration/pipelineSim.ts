/**
 * The whole mail pipeline (processMail with its real stages) against the Graph simulator: the
 * SharePoint side is the real Graph client and simulator, staging and the tenant store are small
 * fakes of our own interfaces. Helpers read tickets and files back through Graph.
 */
import { randomUUID } from 'node:crypto';

import { ResponseType } from '@microsoft/microsoft-graph-client';

import { MemoryLog } from '../../lib/log';
import { type Delivery, deliverMail, processMail } from '../../lib/pipeline/processMail';
import type { PipelineResult, Run } from '../../lib/pipeline/runner';
import type { PipelineDeps } from '../../lib/pipeline/stage';
import { createGraphClient } from '../../lib/sharepoint/graph';
import { validateHelpdesk } from '../../lib/sharepoint/provision';
import type { MailMessage } from '../../lib/storage/staging';
import type { TenantRecord } from '../../lib/tenants/store';
import { MemorySenderBursts } from '../unit/pipeline/fakes';
import { CONTOSO, HELPDESK, type SimWorld } from './sharepointSim';

export const SUPPORT = 'support@contoso.com';

export const tenant: TenantRecord = {
  id: 'contoso.sharepoint.com',
  domain: 'contoso.sharepoint.com',
  entraTenantId: CONTOSO,
  siteUrl: HELPDESK,
  supportAddresses: [SUPPORT],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
  installations: [],
};

/** How one delivery runs: the whole pipeline, or one whose host died part of the way. */
export type Flow = (run: Run, message: MailMessage) => Promise<string>;

/**
 * A delivery whose host died before the named stages (each of them one that finds no value, such
 * as attachments or cleanup): they never run, and what they would have done stays undone.
 */
export function without(...names: string[]): Flow {
  return (run, message) => {
    const dies = (stage: { name: string }) => names.includes(stage.name);
    const dying: Run = Object.create(run);
    dying.step = (stage, input) =>
      dies(stage) ? Promise.resolve(undefined as never) : run.step(stage, input);
    dying.failOpen = (stage, input) =>
      dies(stage) ? Promise.resolve() : run.failOpen(stage, input);
    return deliverMail(dying, message);
  };
}

/** A delivery whose host died right after writing the ticket (files pending). */
export const UNTIL_WRITTEN: Flow = without('attachments', 'cleanup');

export interface Item {
  id: string;
  fields: Record<string, unknown>;
}

export interface PipelineWorld {
  log: MemoryLog;
  /** The burst limit's counts: the mails counted per tenant and sender. */
  senders: MemorySenderBursts;
  /** Stages `raw` and runs the pipeline over it; `message` redelivers an earlier one. */
  deliver(raw: Buffer, flow?: Flow): Promise<{ message: MailMessage; result: PipelineResult }>;
  redeliver(message: MailMessage, flow?: Flow): Promise<PipelineResult>;
  items(list: 'tickets' | 'comments'): Promise<Item[]>;
  /** A file of the library (`12/report.pdf`), or undefined when there is none. */
  file(path: string): Promise<Buffer | undefined>;
}

export function pipelineWorld(world: SimWorld): PipelineWorld {
  const blobs = new Map<string, Buffer>();
  const staging: PipelineDeps['staging'] = {
    read: async (m) => blobs.get(m.blob),
    remove: async (m) => void blobs.delete(m.blob),
  };
  const queue: PipelineDeps['queue'] = {
    poison: async () => undefined,
    hold: async () => undefined,
  };
  const tenants: PipelineDeps['tenants'] = {
    get: async (d: string) => (d === tenant.domain ? tenant : undefined),
  };
  const log = new MemoryLog();
  const senders = new MemorySenderBursts();
  const helpdesks = world.directory();
  const deps: PipelineDeps = { staging, queue, tenants, helpdesks, senders, log };
  const delivery: Delivery = { dequeueCount: 1 };
  const graph = world.clients.forTenant(CONTOSO);
  const ids = validateHelpdesk(graph, HELPDESK);
  const client = createGraphClient(world.settings, CONTOSO);

  return {
    log,
    senders,
    async deliver(raw, flow = deliverMail) {
      const id = randomUUID();
      const message: MailMessage = {
        v: 1,
        mailId: id,
        blob: id,
        tenant: tenant.domain,
        mailbox: SUPPORT,
        receivedAt: new Date().toISOString(),
      };
      blobs.set(id, raw);
      return { message, result: await processMail(message, deps, delivery, flow) };
    },
    redeliver: (message, flow = deliverMail) => processMail(message, deps, delivery, flow),
    async items(list) {
      const { siteId, lists } = await ids;
      const page = await graph.get<{ value: Item[] }>(
        `/sites/${siteId}/lists/${lists[list]}/items`,
        { op: 'test: read items', query: { $expand: 'fields', $top: '999' } },
      );
      return page.value;
    },
    async file(path) {
      const { siteId, lists } = await ids;
      const drive = await graph.get<{ id: string }>(
        `/sites/${siteId}/lists/${lists.attachments}/drive`,
        { op: 'test: library' },
      );
      const encoded = path.split('/').map(encodeURIComponent).join('/');
      try {
        const data: ArrayBuffer = await client
          .api(`/drives/${drive.id}/root:/${encoded}:/content`)
          .responseType(ResponseType.ARRAYBUFFER)
          .get();
        return Buffer.from(data);
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return undefined;
        throw err;
      }
    },
  };
}

/** A plain-text mail with one PDF attachment named `contract.pdf`. */
export function mailWithContract(fields: {
  from: string;
  messageId: string;
  subject: string;
  text: string;
  pdf: Buffer;
  headers?: string[];
}): Buffer {
  const boundary = `b-${randomUUID()}`;
  return Buffer.from(
    [
      ...(fields.headers ?? []),
      `From: ${fields.from}`,
      `To: ${SUPPORT}`,
      `Subject: ${fields.subject}`,
      `Message-ID: ${fields.messageId}`,
      'Date: Tue, 01 Dec 2026 09:15:00 +0000',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      fields.text,
      `--${boundary}`,
      'Content-Type: application/pdf; name="contract.pdf"',
      'Content-Disposition: attachment; filename="contract.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      fields.pdf.toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}
