/**
 * What became of the soak's mails, read as an operator would: the Tickets and Comments lists
 * through Graph (the service's own app, so these reads are charged to the same budget; the
 * runner subtracts them), the tenant's encrypted log (readLogs, as `npm run logs`), staged
 * storage and the poison queue.
 */
import type { Deps } from '../../lib/deps';
import { type Graph, GraphClients } from '../../lib/sharepoint/graph';
import { resolveSiteId } from '../../lib/sharepoint/provision';
import { queueClient } from '../../lib/storage/clients';
import { readLogs } from '../../lib/storage/logs';
import { MAIL_QUEUE, POISON_QUEUE } from '../../lib/storage/names';
import { DEMO_TENANT } from '../seed';

export interface Item {
  id: string;
  mailKey: string;
  /** The ticket a comment is on. */
  ticketId?: string;
  created: number;
}

interface GraphItem {
  id: string;
  createdDateTime: string;
  fields: { MailKey?: string; TicketLookupId?: string | number };
}

// 10,000 mails make at most ~8,000 items; 100 pages of 999 is far past that.
const MAX_PAGES = 100;

export class Outcomes {
  private graph: Graph;
  private siteId: string | undefined;

  constructor(private readonly deps: Deps) {
    this.graph = new GraphClients(deps.config.graph).forTenant(DEMO_TENANT.entraTenantId);
  }

  /** Every item of the list, with the MailKey it was written under. */
  async items(list: 'Tickets' | 'Comments'): Promise<Item[]> {
    this.siteId ??= await resolveSiteId(this.graph, DEMO_TENANT.siteUrl);
    const items: Item[] = [];
    let next: string | undefined = `/sites/${this.siteId}/lists/${list}/items`;
    let query: Record<string, string> | undefined = { $expand: 'fields', $top: '999' };
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const body: { value: GraphItem[]; '@odata.nextLink'?: string } = await this.graph.get(next, {
        op: 'soak read',
        query,
      });
      for (const item of body.value) {
        const lookup = item.fields.TicketLookupId;
        items.push({
          id: item.id,
          mailKey: String(item.fields.MailKey ?? ''),
          ...(lookup === undefined ? {} : { ticketId: String(lookup) }),
          created: Date.parse(item.createdDateTime),
        });
      }
      next = body['@odata.nextLink'];
      query = undefined;
    }
    return items;
  }

  /** The final `mail.processed` events (retries left out) of the last `sinceMs`. */
  async processed(sinceMs: number): Promise<Array<Record<string, unknown>>> {
    const key = await this.deps.keys.existingKey(DEMO_TENANT.domain);
    if (!key) return [];
    const { logs } = this.deps.blobs;
    const since = new Date(Date.now() - sinceMs);
    const { events } = await readLogs(logs, key, DEMO_TENANT.domain, { since });
    return events.filter((e) => e.event === 'mail.processed' && e.outcome !== 'retry');
  }

  staged(): Promise<number> {
    return this.deps.staging.countStaged(DEMO_TENANT.domain);
  }

  poisoned(): Promise<number> {
    return this.waiting(POISON_QUEUE);
  }

  queued(): Promise<number> {
    return this.waiting(MAIL_QUEUE);
  }

  private async waiting(name: string): Promise<number> {
    const queue = queueClient(this.deps.config.storage, name);
    if (!(await queue.exists())) return 0;
    return (await queue.getProperties()).approximateMessagesCount ?? 0;
  }
}
