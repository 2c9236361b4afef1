/**
 * Shared setup of the mailbox*.test.ts suites: the Graph simulator in-process (its Exchange
 * mailboxes, subscriptions and notifications), Azurite and the Cosmos server of the test stack,
 * and the mailbox door's real parts (lib/mailbox) over them. A small local HTTP server stands in
 * for the function app's two notification endpoints and hands their bodies to the use cases;
 * jobs are kept in a list and run in-process by `pump`, instead of through a functions host.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ensureLocalCert } from '../../dev/certs';
import { type GraphSimulator, startGraphSimulator } from '../../dev/graph-sim/server';
import { MemoryLog } from '../../lib/log';
import {
  BlobMailClaims,
  CosmosMailboxStore,
  GraphExchangeTenants,
  type MailboxDeps,
  type MailboxJob,
  acceptLifecycle,
  acceptNotifications,
  connectMailbox,
  runMailboxJob,
} from '../../lib/mailbox';
import { BlobMailStaging } from '../../lib/storage/blobStaging';
import { CosmosTenantStore } from '../../lib/tenants/cosmosStore';
import type { TenantDataDeps } from '../../lib/tenants/data';
import type { TenantRecord } from '../../lib/tenants/store';
import { tombstonesIn } from '../../lib/tenants/tombstones';
import { blobContainer, cosmos, keyRing, storageConnection, unique } from './storage/support';

const APP = { clientId: '6f1c2a55-0000-4000-8000-00000000a99a', clientSecret: 'sim-secret' };

export interface MailboxWorld {
  sim: GraphSimulator;
  deps: MailboxDeps;
  log: MemoryLog;
  staging: BlobMailStaging;
  /** What a tenant's export and erasure read besides the mailboxes; claims are in `staging`. */
  data: Omit<TenantDataDeps, 'mailboxes'>;
  /** Jobs queued and not yet run. */
  jobs: MailboxJob[];
  /** Runs queued jobs (and the jobs they queue) until none is left; their outcomes. */
  pump(): Promise<string[]>;
  /** A fresh tenant with a support mailbox the app may read. */
  tenant(): Promise<{ record: TenantRecord; address: string }>;
  admin(method: string, path: string, body?: object | Buffer): Promise<unknown>;
  /** Every message of a mailbox with its folder path and categories. */
  messages(address: string): Promise<Array<{ id: string; folder: string; categories: string[] }>>;
  close(): Promise<void>;
}

/** The local stand-in for /api/mailbox/notify and /api/mailbox/lifecycle. */
function receiver(deps: () => MailboxDeps): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = url.searchParams.get('validationToken');
    if (token !== null) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      const accept = url.pathname.endsWith('/lifecycle') ? acceptLifecycle : acceptNotifications;
      accept(body, deps()).then(
        (r) => res.writeHead(r.status).end(),
        () => res.writeHead(500).end(),
      );
    });
  });
}

export async function startMailboxWorld(): Promise<MailboxWorld> {
  const { cert, key } = await ensureLocalCert();
  const sim = await startGraphSimulator({ port: 0, cert, key, ...APP });
  const containers = cosmos();
  const keys = keyRing(containers);
  const tenants = new CosmosTenantStore(containers);
  const storage = { kind: 'connectionString' as const, connectionString: storageConnection() };
  const staging = new BlobMailStaging(storage, keys);
  const log = new MemoryLog();
  const jobs: MailboxJob[] = [];
  const claims = await blobContainer();
  // The receiver's port goes into the deps, so the deps are found through this box when called.
  const box: { deps?: MailboxDeps } = {};
  const server = receiver(() => box.deps as MailboxDeps);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const deps: MailboxDeps = {
    exchange: new GraphExchangeTenants({ ...APP, authorityHost: sim.url, baseUrl: sim.url }),
    mailboxes: new CosmosMailboxStore(() => containers.get('mailboxes')),
    tenants,
    staging,
    claims: new BlobMailClaims(claims),
    jobs: { send: async (job) => void jobs.push(job) },
    log,
    config: {
      publicBaseUrl: `http://127.0.0.1:${port}`,
      maxMailBytes: 64 * 1024,
      clientStateKey: Buffer.alloc(32, 9),
      appId: APP.clientId,
    },
    now: () => new Date(),
  };
  box.deps = deps;

  const admin = async (method: string, path: string, body?: object | Buffer) => {
    const raw = Buffer.isBuffer(body);
    const res = await fetch(`${sim.url}/_admin/${path}`, {
      method,
      headers: body ? { 'content-type': raw ? 'message/rfc822' : 'application/json' } : {},
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`admin ${method} ${path}: HTTP ${res.status}`);
    return res.status === 204 ? undefined : ((await res.json()) as unknown);
  };

  return {
    sim,
    deps,
    log,
    staging,
    data: {
      tenants,
      keys,
      tombstones: tombstonesIn(containers),
      logs: await blobContainer(),
      staging: claims,
      senders: await containers.get('senders'),
      senderAcks: await containers.get('senderAcks'),
    },
    jobs,
    async pump() {
      const outcomes: string[] = [];
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        outcomes.push(await runMailboxJob(job, deps));
      }
      return outcomes;
    },
    async tenant() {
      const name = unique('t');
      const entraTenantId = crypto.randomUUID();
      const domain = `${name}.sharepoint.com`;
      const address = `support@${name}.example`;
      await admin('PUT', `tenants/${entraTenantId}`, {
        hostname: domain,
        sites: ['/sites/helpdesk'],
      });
      const box = `tenants/${entraTenantId}/mailboxes/${encodeURIComponent(address)}`;
      await admin('PUT', box, { displayName: 'Support' });
      await admin('PUT', `${box}/grant`, {});
      const record: Omit<TenantRecord, 'id'> = {
        domain,
        entraTenantId,
        siteUrl: `https://${domain}/sites/helpdesk`,
        supportAddresses: [address],
        licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
        installations: [],
      };
      await tenants.put(record);
      return { record: { ...record, id: domain }, address };
    },
    admin,
    async messages(address) {
      const all = (await admin('GET', `mailboxes/${encodeURIComponent(address)}/messages`)) as {
        value: Array<{ id: string; folder: string; categories: string[] }>;
      };
      return all.value;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await sim.close();
    },
  };
}

/** Polls `probe` until it answers something, or fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('eventually: timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A small mail, unique by its subject. */
export function mail(subject: string): Buffer {
  return Buffer.from(
    `From: Anna <anna@example.com>\r\nTo: support\r\nSubject: ${subject}\r\nMessage-ID: <${unique('m')}@example.com>\r\n\r\nPlease help.\r\n`,
  );
}

/** A tenant with its mailbox connected and the jobs of connecting run; `deliver` mails it. */
export async function connected(w: MailboxWorld) {
  const t = await w.tenant();
  const report = await connectMailbox(w.deps, t.record.domain, t.address);
  await w.pump();
  const deliver = (subject: string) =>
    w.admin('POST', `mailboxes/${encodeURIComponent(t.address)}/deliver`, mail(subject));
  return { ...t, report, deliver };
}
