/**
 * The data promise, tested end to end: mails full of personal data go through the host (tickets,
 * a duplicate, a poisoned mail, a refused recipient, Graph failing and being retried), then every
 * sink the service itself writes is searched for any of it: the host's console output, the
 * decrypted log events, every blob and queue message in storage, every Cosmos document.
 * Only the customer's SharePoint (the Graph simulator) may hold it.
 */
import { randomInt, randomUUID } from 'node:crypto';

import { CosmosClient } from '@azure/cosmos';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';

import { loadConfig } from '../../lib/config';
import { buildDeps } from '../../lib/deps';
import { LOGS_CONTAINER, SERVICE_TENANT, readLogs } from '../../lib/storage/logs';
import type { TestHost } from '../support/stack';
import { throttle } from './faults';
import { mailLogItems } from './mailLogRecoverSupport';
import { hostAndTenant } from './setup';
import { type TestTenant, eventually, postMail, settings, simAdmin, ticketsWhen } from './support';

// Letters only, so no id, key or ciphertext can contain it by chance.
const TOKEN = `Qx${Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;
const FROM = `zelda.${TOKEN}@${TOKEN}-victim.example`;
const CC = `hubert.${TOKEN}@${TOKEN}-victim.example`;

function piiMail(support: string, fields: { from?: string; subject?: string } = {}): Buffer {
  const boundary = `b-${randomUUID()}`;
  return Buffer.from(
    [
      fields.from === ''
        ? `From: Zelda ${TOKEN}`
        : `From: "Zelda ${TOKEN}" <${fields.from ?? FROM}>`,
      `To: ${support}`,
      `Cc: "Hubert ${TOKEN}" <${CC}>`,
      `Subject: ${fields.subject ?? `Payslip of Zelda ${TOKEN}`}`,
      `Message-ID: <${randomUUID()}@${TOKEN}-victim.example>`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      '',
      `<p>My IBAN is DE${TOKEN}, call me at +49 30 ${TOKEN}.</p><img src="x" onerror="alert('${TOKEN}')">`,
      `--${boundary}`,
      `Content-Type: application/pdf; name="medical-${TOKEN}.pdf"`,
      `Content-Disposition: attachment; filename="medical-${TOKEN}.pdf"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(`%PDF-1.4 diagnosis of ${TOKEN}`).toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}

/** Every place the service's own storage keeps anything, as text. */
async function storageTexts(): Promise<string[]> {
  const s = settings();
  const texts: string[] = [];
  const blobs = BlobServiceClient.fromConnectionString(s.AzureWebJobsStorage ?? '');
  for await (const c of blobs.listContainers()) {
    const container = blobs.getContainerClient(c.name);
    for await (const b of container.listBlobsFlat()) {
      texts.push(b.name, (await container.getBlobClient(b.name).downloadToBuffer()).toString());
    }
  }
  const queues = QueueServiceClient.fromConnectionString(s.AzureWebJobsStorage ?? '');
  for await (const q of queues.listQueues()) {
    const { peekedMessageItems } = await queues
      .getQueueClient(q.name)
      .peekMessages({ numberOfMessages: 32 });
    for (const m of peekedMessageItems) {
      texts.push(m.messageText, Buffer.from(m.messageText, 'base64').toString());
    }
  }
  const cosmos = new CosmosClient({ endpoint: s.COSMOS_ENDPOINT ?? '', key: s.COSMOS_KEY });
  const db = cosmos.database(s.COSMOS_DATABASE ?? '');
  const { resources: containers } = await db.containers.readAll().fetchAll();
  for (const c of containers) {
    const { resources } = await db.container(c.id).items.readAll().fetchAll();
    texts.push(JSON.stringify(resources));
  }
  return texts;
}

const leaks = (texts: string[]): string[] =>
  texts.filter((t) => t.toLowerCase().includes(TOKEN.toLowerCase())).map((t) => t.slice(0, 200));

describe('personal data in mail', () => {
  const console: string[] = [];
  let host: TestHost;
  let tenant: TestTenant;
  let support: string;

  beforeAll(async () => {
    ({ host, tenant, support } = await hostAndTenant({ onLine: (l) => console.push(l) }));
  });

  afterAll(() => simAdmin('faults', { rate: 0 }));

  it('when mails full of it are processed, failed and retried, then none of it is in any log, queue, blob or record', async () => {
    const first = piiMail(support);
    const accepted = await postMail(host.url, first, support);
    expect(accepted.status).toBe(202);
    await ticketsWhen(tenant, 1);
    expect((await postMail(host.url, first, support)).status).toBe(202); // a duplicate
    // No address in From: poisoned on purpose, kept in the customer's Mail Log (SharePoint).
    expect((await postMail(host.url, piiMail(support, { from: '' }), support)).status).toBe(202);
    // Written before Graph is made to fail below, so no fault can keep it from the Mail Log.
    const logged = await eventually(async () => {
      const items = await mailLogItems(tenant);
      return items.length > 0 ? items : undefined;
    });
    expect(logged.map((i) => i.fields.Reason)).toEqual(['poisoned/no-sender']);
    // A recipient no tenant owns: refused at the door.
    expect((await postMail(host.url, piiMail(support), `${TOKEN}@nowhere.example`)).status).toBe(
      404,
    );
    // Graph failing: the pipeline's errors (and the SDK's) are logged and the mail retried.
    await throttle({ rate: 0.5, method: 'POST', status: 503, retryAfterSeconds: 0.1 });
    const other = piiMail(support, { from: `other.${TOKEN}@${TOKEN}-victim.example` });
    expect((await postMail(host.url, other, support)).status).toBe(202);
    await ticketsWhen(tenant, 2, 90_000);
    await simAdmin('faults', { rate: 0 });

    const config = loadConfig(settings());
    const deps = buildDeps(config);
    await host.stop(); // flushes the log sink

    const container = BlobServiceClient.fromConnectionString(
      settings().AzureWebJobsStorage ?? '',
    ).getContainerClient(LOGS_CONTAINER);
    const events = [];
    for (const owner of [tenant.domain, SERVICE_TENANT]) {
      const read = await readLogs(container, await deps.keys.keyFor(owner), owner, {
        since: new Date(Date.now() - 3600_000),
      });
      events.push(...read.events);
    }
    await deps.log.close();
    // The scan sees real events: the accepted mail's id and its outcome are there.
    expect(events).toContainEqual(
      expect.objectContaining({ mailId: accepted.body.id, outcome: 'ticket-created' }),
    );
    expect(console.length).toBeGreaterThan(0);

    expect(leaks(console)).toEqual([]);
    expect(leaks(events.map((e) => JSON.stringify(e)))).toEqual([]);
    expect(leaks(await storageTexts())).toEqual([]);
  });
});
