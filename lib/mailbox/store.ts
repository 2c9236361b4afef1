/**
 * Connected mailboxes in Cosmos. They share the `mailboxes` container with the routing entries
 * of lib/tenants/cosmosStore.ts (id = a support address → its tenant's domain): both are looked up
 * by id (the partition key), and ids cannot meet, since a connected mailbox's id is
 * `${tenant}|${address}`. Queries over the container therefore ask for `userId`, which only a
 * connected mailbox has. The few records are read by the timer and by notifications; no cache.
 */
import type { Container } from '@azure/cosmos';

import { currentSignal } from '../deadline';
import { cosmosStatus } from '../storage/cosmos';
import { type MailboxRecord, mailboxId } from './record';

export interface MailboxStore {
  get(tenant: string, address: string): Promise<MailboxRecord | undefined>;
  /** The mailbox a change notification names by its subscription id. */
  bySubscription(subscriptionId: string): Promise<MailboxRecord | undefined>;
  /** Every connected mailbox, or one tenant's. */
  list(tenant?: string): Promise<MailboxRecord[]>;
  /** Creates or overwrites the whole record (connecting). */
  put(record: MailboxRecord): Promise<void>;
  /**
   * Read, change, write back if nobody wrote in between (ETag); re-read on a conflict. Answers
   * the record as written, or undefined when it is gone (disconnected meanwhile).
   */
  update(
    record: Pick<MailboxRecord, 'tenant' | 'address'>,
    change: (current: MailboxRecord) => Partial<MailboxRecord>,
  ): Promise<MailboxRecord | undefined>;
  delete(tenant: string, address: string): Promise<boolean>;
}

type Stored = MailboxRecord & { _etag?: string };

// Two writers of one record are the timer and a lifecycle job at most; a few rounds suffice.
const MAX_ETAG_ATTEMPTS = 5;

const FIELDS =
  'c.id, c.tenant, c.address, c.userId, c.subscriptionId, c.subscriptionExpiresAt, ' +
  'c.deltaLink, c.lastSyncAt, c.freshRoundAt, c.folders, c.connectedAt';

export class CosmosMailboxStore implements MailboxStore {
  constructor(private readonly container: () => Promise<Container>) {}

  async get(tenant: string, address: string): Promise<MailboxRecord | undefined> {
    return strip(await this.read(mailboxId(tenant, address)));
  }

  async bySubscription(subscriptionId: string): Promise<MailboxRecord | undefined> {
    const found = await this.query(' AND c.subscriptionId = @s', [
      { name: '@s', value: subscriptionId },
    ]);
    return found[0];
  }

  list(tenant?: string): Promise<MailboxRecord[]> {
    return tenant === undefined
      ? this.query('', [])
      : this.query(' AND c.tenant = @t', [{ name: '@t', value: tenant.toLowerCase() }]);
  }

  async put(record: MailboxRecord): Promise<void> {
    await (await this.container()).items.upsert<MailboxRecord>(record);
  }

  async update(
    record: Pick<MailboxRecord, 'tenant' | 'address'>,
    change: (current: MailboxRecord) => Partial<MailboxRecord>,
  ): Promise<MailboxRecord | undefined> {
    const id = mailboxId(record.tenant, record.address);
    const container = await this.container();
    for (let attempt = 1; ; attempt++) {
      const current = await this.read(id);
      if (!current) return undefined;
      const next = { ...strip(current), ...change(strip(current)), id };
      try {
        await container.item(id, id).replace<MailboxRecord>(next, {
          accessCondition: { type: 'IfMatch', condition: current._etag ?? '*' },
          abortSignal: currentSignal(),
        });
        return next;
      } catch (err) {
        const code = cosmosStatus(err);
        if (code === 404) return undefined;
        if (code !== 412 || attempt >= MAX_ETAG_ATTEMPTS) throw err;
      }
    }
  }

  async delete(tenant: string, address: string): Promise<boolean> {
    const id = mailboxId(tenant, address);
    try {
      await (await this.container()).item(id, id).delete();
      return true;
    } catch (err) {
      if (cosmosStatus(err) === 404) return false;
      throw err;
    }
  }

  private async read(id: string): Promise<Stored | undefined> {
    const container = await this.container();
    const { resource } = await container
      .item(id, id)
      .read<Stored>({ abortSignal: currentSignal() });
    return resource && typeof resource.userId === 'string' ? resource : undefined;
  }

  /** `and` is empty or ` AND <condition>`. */
  private async query(
    and: string,
    parameters: Array<{ name: string; value: string }>,
  ): Promise<MailboxRecord[]> {
    const { resources } = await (
      await this.container()
    ).items
      .query<MailboxRecord>({
        query: `SELECT ${FIELDS} FROM c WHERE IS_DEFINED(c.userId)${and}`,
        parameters,
      })
      .fetchAll();
    return resources.map((r) => strip(r)).sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** The record without Cosmos' own fields, and without fields a projection left undefined. */
function strip(stored: Stored): MailboxRecord;
function strip(stored: Stored | undefined): MailboxRecord | undefined;
function strip(stored: Stored | undefined): MailboxRecord | undefined {
  if (!stored) return undefined;
  const entries = Object.entries(stored).filter(([k, v]) => !k.startsWith('_') && v !== undefined);
  return Object.fromEntries(entries) as unknown as MailboxRecord;
}
