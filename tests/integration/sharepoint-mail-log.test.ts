/**
 * The Mail Log's writes (lib/sharepoint/mailLog.ts) through the real Graph client against the
 * simulator: the original in the library, one item per mail, a second mail under a logged
 * Message-ID kept apart, and the requests each costs.
 */
import { createHash } from 'node:crypto';

import { reusedKey } from '../../lib/mail/mailKey';
import { drivePath } from '../../lib/sharepoint/library';
import type { MailLogRecord } from '../../lib/sharepoint/mailLog';
import { validateHelpdesk } from '../../lib/sharepoint/provision';
import { FRAGMENT_BYTES } from '../../lib/sharepoint/uploadSession';
import { CONTOSO, HELPDESK, type SimWorld, contoso, startSimWorld } from './sharepointSim';

let world: SimWorld;

beforeAll(async () => {
  world = await startSimWorld({ provision: true });
});

afterAll(() => world?.close());

const keyOf = (n: number): string => createHash('sha256').update(`mail ${n}`).digest('hex');
const printOf = (n: number): string => createHash('sha256').update(`body ${n}`).digest('hex');
const anEntry = (n: number, body = n): MailLogRecord => ({
  mailKey: keyOf(n),
  fingerprint: printOf(body),
  received: '2026-01-31T23:59:00Z',
  outcome: 'dropped-auto-reply',
  reason: 'auto-reply',
  sender: 'robot@example.net',
  subject: `Out of office ${n}`,
});
// Seeded bytes, so a failure is the same on every run.
function bytesOf(n: number, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + n) % 251;
  return bytes;
}

async function stored(mailKey: string, body: number, fileKey = mailKey) {
  const graph = world.clients.forTenant(CONTOSO);
  const ids = await validateHelpdesk(graph, HELPDESK);
  const page = await graph.get<{ value: Array<{ id: string; fields: Record<string, unknown> }> }>(
    `/sites/${ids.siteId}/lists/${ids.mailLog}/items`,
    { op: 'test: read mail log', query: { $expand: 'fields' } },
  );
  const items = page.value.filter((i) => i.fields.MailKey === mailKey);
  const drive = await graph.get<{ id: string }>(
    `/sites/${ids.siteId}/lists/${ids.lists.attachments}/drive`,
    { op: 'test: drive' },
  );
  const path = drivePath(drive.id, [
    '_mail-log',
    '2026-01',
    `${fileKey}-${printOf(body).slice(0, 16)}.eml`,
  ]);
  const original = await graph.download(`${path}:/content`, 64 * 1024 * 1024, { op: 'test' });
  return { items, original };
}

describe('the Mail Log on the simulator', () => {
  it('when a mail is logged, then its original and one item cost 2 requests, and a redelivery makes no second item', async () => {
    const site = await world.directory().open(contoso);
    const mailLog = site.mailLog;
    if (!mailLog) throw new Error('provisioning made no Mail Log');
    await mailLog.record(anEntry(1), bytesOf(1, 2000)); // resolves the library's drive once

    const first = await world.counted(() => mailLog.record(anEntry(2), bytesOf(2, 300_000)));
    expect(first.requests).toBe(2);
    const again = await mailLog.record(anEntry(2), bytesOf(2, 300_000));
    expect(again).toBe(first.result);

    const { items, original } = await stored(keyOf(2), 2);
    expect(items).toHaveLength(1);
    expect(items[0]?.fields).toMatchObject({
      Title: 'Out of office 2',
      Outcome: 'dropped-auto-reply',
      Reason: 'auto-reply',
      Sender: 'robot@example.net',
      Original: expect.stringMatching(
        new RegExp(`/_mail-log/2026-01/${keyOf(2)}-${printOf(2).slice(0, 16)}\\.eml$`),
      ),
    });
    expect(items[0]?.fields.Action).toBeUndefined();
    expect(Buffer.compare(original as Buffer, bytesOf(2, 300_000))).toBe(0);
  });

  it('when an original is above the simple upload limit, then it goes through an upload session', async () => {
    const site = await world.directory().open(contoso);
    const size = FRAGMENT_BYTES + 1_000_000;
    const bytes = bytesOf(4, size);
    await site.mailLog?.record(anEntry(3), bytesOf(3, 2000)); // the drive, as above
    const big = await world.counted(async () => site.mailLog?.record(anEntry(4), bytes));
    // The session, two fragments, the item.
    expect(big.requests).toBe(4);
    const { items, original } = await stored(keyOf(4), 4);
    expect(items).toHaveLength(1);
    expect(Buffer.compare(original as Buffer, bytes)).toBe(0);
  });

  it('when another mail comes under a logged Message-ID, then both originals and both items are kept', async () => {
    const site = await world.directory().open(contoso);
    const mailLog = site.mailLog;
    if (!mailLog) throw new Error('provisioning made no Mail Log');
    const first = await mailLog.record(anEntry(5), bytesOf(5, 2000));
    // Mail 6 reuses mail 5's Message-ID (its key) with another body.
    const other = { ...anEntry(6), mailKey: keyOf(5) };
    const second = await mailLog.record(other, bytesOf(6, 2000));
    expect(second).not.toBe(first);
    expect(await mailLog.record(other, bytesOf(6, 2000))).toBe(second);

    const kept = await stored(keyOf(5), 5);
    expect(kept.items.map((i) => i.id)).toEqual([first]);
    expect(Buffer.compare(kept.original as Buffer, bytesOf(5, 2000))).toBe(0);
    const own = stored(reusedKey(keyOf(5), printOf(6)), 6, keyOf(5));
    const { items, original } = await own;
    expect(items.map((i) => i.id)).toEqual([second]);
    expect(Buffer.compare(original as Buffer, bytesOf(6, 2000))).toBe(0);
  });
});
