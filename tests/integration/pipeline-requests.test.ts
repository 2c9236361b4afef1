/**
 * What a new ticket costs in Graph requests now that a plain mail is not looked up before its
 * ticket is written and contacts are cached per site, and that idempotency did not get weaker
 * for it: a second delivery is still found (by the refused write), resumes missing files, writes
 * nothing twice and is not counted again by the burst limit. A contact deleted while cached is
 * corrected. Against the Graph simulator through the real client.
 */
import { randomUUID } from 'node:crypto';

import { TransientError } from '../../lib/errors';
import { createGraphClient } from '../../lib/sharepoint/graph';
import { validateHelpdesk } from '../../lib/sharepoint/provision';
import { GraphHelpdeskSite } from '../../lib/sharepoint/site';
import { UNTIL_WRITTEN, mailWithContract, pipelineWorld, without } from './pipelineSim';
import { CONTOSO, HELPDESK, type SimWorld, aTicket, newKey, startSimWorld } from './sharepointSim';

let world: SimWorld;

beforeAll(async () => {
  world = await startSimWorld({ provision: true });
});

afterAll(() => world?.close());

function plain(from: string, subject = `Printer ${randomUUID()}`): Buffer {
  return Buffer.from(
    [
      `From: ${from}`,
      'To: support@contoso.com',
      `Subject: ${subject}`,
      `Message-ID: <${randomUUID()}@mail.example.com>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'It prints blank pages.',
    ].join('\r\n'),
  );
}

async function deleteContact(id: string): Promise<void> {
  const { siteId, lists } = await validateHelpdesk(world.clients.forTenant(CONTOSO), HELPDESK);
  await createGraphClient(world.settings, CONTOSO)
    .api(`/sites/${siteId}/lists/${lists.contacts}/items/${id}`)
    .delete();
}

describe('Graph requests per new ticket', () => {
  it('when a plain mail comes from a known requester on a warm instance, then 2 requests write it (ticket, original.eml)', async () => {
    const p = pipelineWorld(world);
    const from = `known-${randomUUID()}@example.com`;
    await p.deliver(plain(from)); // opens the site, creates and caches the contact
    const { result, requests } = await world.counted(() => p.deliver(plain(from)));
    expect(result.result.outcome).toBe('ticket-created');
    expect(requests).toBe(2);
  });

  it('when a plain mail comes from a new requester, then 4 requests write it', async () => {
    const p = pipelineWorld(world);
    await p.deliver(plain(`warm-${randomUUID()}@example.com`));
    const { result, requests } = await world.counted(() =>
      p.deliver(plain(`new-${randomUUID()}@example.com`)),
    );
    expect(result.result.outcome).toBe('ticket-created');
    expect(requests).toBe(4); // find contact, create contact, ticket, original.eml
  });
});

describe('duplicates without the lookup first', () => {
  it('when a written mail is delivered again, then it is a duplicate: no second ticket, no second burst count', async () => {
    const p = pipelineWorld(world);
    const from = `dup-${randomUUID()}@example.com`;
    const subject = `Twice ${randomUUID()}`;
    // The host died after the files, before the staged copy went: the queue delivers it again.
    const untilFiles = without('cleanup');
    const { message } = await p.deliver(plain(from, subject), untilFiles);
    const again = await p.redeliver(message);
    expect(again.outcome).toBe('duplicate');
    expect(again.trace.map((t) => [t.stage, t.code]).at(-1)).toEqual(['ticket', 'already-written']);
    expect((await p.items('tickets')).filter((t) => t.fields.Title === subject)).toHaveLength(1);
    const counted = [...p.senders.seen].find(([id]) => id.endsWith(from));
    expect(counted?.[1]).toHaveLength(1);
  });

  it('when the first delivery died before its files, then the refused create resumes them and writes nothing twice', async () => {
    const p = pipelineWorld(world);
    const subject = `Contract ${randomUUID()}`;
    const raw = mailWithContract({
      from: `files-${randomUUID()}@example.com`,
      messageId: `<${randomUUID()}@mail.example.com>`,
      subject,
      text: 'Attached.',
      pdf: Buffer.from('%PDF-1.4 resumed'),
    });
    const { message } = await p.deliver(raw, UNTIL_WRITTEN);
    const again = await p.redeliver(message);
    expect(again.outcome).toBe('duplicate');
    const mine = (await p.items('tickets')).filter((t) => t.fields.Title === subject);
    expect(mine).toHaveLength(1);
    expect(await p.file(`${mine[0]?.id}/contract.pdf`)).toEqual(Buffer.from('%PDF-1.4 resumed'));
    expect(await p.file(`${mine[0]?.id}/original.eml`)).toBeDefined();
  });
});

describe('contacts deleted while cached', () => {
  it('when a ticket names a contact that no longer exists, then the simulator refuses it as SharePoint does', async () => {
    const site = await world.directory().open({ entraTenantId: CONTOSO, siteUrl: HELPDESK });
    const gone = await site.ensureContact(`gone-${randomUUID()}@example.com`, 'Gone');
    await deleteContact(gone.id);
    const write = site.createTicket(aTicket(gone.id, newKey()));
    // The cached contact is dropped and the write is worth repeating with a fresh one.
    await expect(write).rejects.toThrow(TransientError);
    await expect(write).rejects.toMatchObject({ code: 'contact-gone' });
  });

  it('when the cached requester was deleted, then the ticket is written for the contact created again', async () => {
    const p = pipelineWorld(world);
    const from = `deleted-${randomUUID()}@example.com`;
    const [first, second] = [`First ${randomUUID()}`, `Second ${randomUUID()}`];
    await p.deliver(plain(from, first));
    const requesterOf = async (subject: string) =>
      String(
        (await p.items('tickets')).find((t) => t.fields.Title === subject)?.fields
          .RequesterLookupId,
      );
    const oldId = await requesterOf(first);
    await deleteContact(oldId);
    const { result } = await p.deliver(plain(from, second));
    expect(result.outcome).toBe('ticket-created');
    const newId = await requesterOf(second);
    expect(newId).not.toBe(oldId);
    const site = await world.directory().open({ entraTenantId: CONTOSO, siteUrl: HELPDESK });
    expect(await site.readContactEmail(newId)).toBe(from);
  });

  it('when five minutes pass, then a cached contact is read from SharePoint again', async () => {
    const graph = world.clients.forTenant(CONTOSO);
    let now = 0;
    const site = new GraphHelpdeskSite(
      graph,
      await validateHelpdesk(graph, HELPDESK),
      undefined,
      () => now,
    );
    const address = `clock-${randomUUID()}@example.com`;
    await site.ensureContact(address, 'Clock');
    now = 5 * 60_000 - 1;
    expect((await world.counted(() => site.ensureContact(address, 'Clock'))).requests).toBe(0);
    now = 5 * 60_000;
    expect((await world.counted(() => site.ensureContact(address, 'Clock'))).requests).toBe(1);
  });
});
