/**
 * Replaying poisoned mail on Azurite: what waits in the poison queue with its staged blob goes
 * back on the mail queue; what has no blob any more is dropped and counted; nothing else moves.
 */
import { randomUUID } from 'node:crypto';

import { QueueClient } from '@azure/storage-queue';

import { replayPoisoned } from '../../../lib/storage/replay';
import { type MailMessage, encodeQueueMessage } from '../../../lib/storage/staging';
import { blobContainer, storageConnection, unique } from './support';

const staged = (tenant: string, blob: string): MailMessage => ({
  v: 1,
  mailId: randomUUID(),
  blob,
  tenant,
  mailbox: 'support@contoso.com',
  receivedAt: '2026-11-29T10:00:00Z',
  held: 3,
});

async function queue(prefix: string): Promise<QueueClient> {
  const q = new QueueClient(storageConnection(), unique(prefix));
  await q.create();
  return q;
}

async function texts(q: QueueClient): Promise<unknown[]> {
  const { peekedMessageItems } = await q.peekMessages({ numberOfMessages: 32 });
  return peekedMessageItems.map((m) =>
    JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')),
  );
}

describe('replaying poisoned mail', () => {
  it('when the cause is fixed, then mails with their staged copy go back on the queue and the rest is accounted for', async () => {
    const [poison, mail, staging] = await Promise.all([
      queue('poison'),
      queue('mail'),
      blobContainer(),
    ]);
    const kept = staged('contoso.sharepoint.com', 'contoso.sharepoint.com/2026-11-29/a.eml');
    const byHost = staged('contoso.sharepoint.com', 'contoso.sharepoint.com/2026-11-29/b.eml');
    const gone = staged('contoso.sharepoint.com', 'contoso.sharepoint.com/2026-11-29/c.eml');
    const other = staged('fabrikam.sharepoint.com', 'fabrikam.sharepoint.com/2026-11-29/d.eml');
    for (const m of [kept, byHost, other]) {
      await staging.getBlockBlobClient(m.blob).uploadData(Buffer.from('sealed'));
    }
    // The app poisons with a wrapper; the host moves the message as it was.
    await poison.sendMessage(encodeQueueMessage({ message: kept, error: 'schema-missing' }));
    await poison.sendMessage(encodeQueueMessage(byHost));
    await poison.sendMessage(encodeQueueMessage({ message: gone, error: 'graph-503' }));
    await poison.sendMessage(encodeQueueMessage({ message: other, error: 'graph-503' }));
    await poison.sendMessage(Buffer.from('not json').toString('base64'));
    const queues = { poison, mail, staging };

    const dry = await replayPoisoned(queues, { tenant: 'Contoso.SharePoint.com', dryRun: true });
    expect(dry).toEqual({ replayed: 2, gone: 1, otherTenants: 1, unreadable: 1 });
    expect(await texts(mail)).toEqual([]);

    const done = await replayPoisoned(queues, { tenant: 'contoso.sharepoint.com' });
    expect(done).toEqual(dry);
    const replayed = await texts(mail);
    expect(replayed).toEqual(
      expect.arrayContaining(
        [
          { ...kept, held: undefined },
          { ...byHost, held: undefined },
        ].map((m) => JSON.parse(JSON.stringify(m)) as unknown),
      ),
    );
    expect(replayed).toHaveLength(2);
    // Another tenant's mail and the unreadable message wait where they were, visible again.
    const waiting = (await poison.peekMessages({ numberOfMessages: 32 })).peekedMessageItems;
    expect(waiting).toHaveLength(2);
  });

  it('when there is no poison queue, then there is nothing to replay', async () => {
    const queues = {
      poison: new QueueClient(storageConnection(), unique('none')),
      mail: await queue('mail'),
      staging: await blobContainer(),
    };
    expect(await replayPoisoned(queues)).toEqual({
      replayed: 0,
      gone: 0,
      otherTenants: 0,
      unreadable: 0,
    });
  });
});
