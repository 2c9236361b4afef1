/**
 * What `npm run bench:outbound` does to the running local stack, apart from measuring: writes an
 * agent's comment through Graph as SharePoint's form does, asks the host to run the outbox timer
 * now (the Functions admin API), watches the simulator's list of mail delivered outside (its
 * admin API, which counts no Graph request) and reads the tenant's log for the end of a run.
 */
import { simpleParser } from 'mailparser';

import { loadConfig } from '../../lib/config';
import { blobContainers, buildStores } from '../../lib/deps';
import { messageIdKey } from '../../lib/mail/mailKey';
import { type Graph, GraphClients } from '../../lib/sharepoint/graph';
import { fieldEquals } from '../../lib/sharepoint/odata';
import { resolveSiteId } from '../../lib/sharepoint/provision';
import { readLogs } from '../../lib/storage/logs';
import { DEMO_TENANT } from '../seed';
import { withLocalSecrets } from '../secrets';
import { loadLocalSettings } from '../settings';
import { sleep } from './stats';

interface SentMail {
  to: string[];
  internetMessageId: string;
  raw: string;
}

const RUN_LINE_TIMEOUT_MS = 90_000;
export interface BenchStack {
  host: string;
  sim: string;
  /** A mail posted to the host's relay door, as the demo tenant's relay would. */
  postMail(raw: Buffer): Promise<void>;
  /** The demo tenant's ticket written from the mail with this Message-ID (one request). */
  ticketOf(messageId: string): Promise<string | undefined>;
  /** An agent's reply, with no MailStatus: the column's default `To send` applies. */
  comment(ticketId: string, body: string): Promise<void>;
  runOutbox(): Promise<void>;
  /** The plain text of every mail the simulated Exchange delivered outside to `address`. */
  delivered(address: string): Promise<string[]>;
  /** Resolves once the tenant's log holds an `outbound.run` event written after `since`. */
  runEnded(since: Date): Promise<Record<string, unknown>>;
  requests(): Promise<{ requests: number; byMethodAndRoute: Record<string, number> }>;
}

export async function benchStack(): Promise<BenchStack> {
  const settings = withLocalSecrets(loadLocalSettings());
  const config = loadConfig(settings);
  const host = `http://localhost:${settings.FUNCTIONS_PORT}`;
  const sim = settings.GRAPH_BASE_URL ?? '';
  const graph: Graph = new GraphClients(config.graph).forTenant(DEMO_TENANT.entraTenantId);
  const siteId = await resolveSiteId(graph, DEMO_TENANT.siteUrl);
  const { keys } = buildStores(config);
  const { logs } = blobContainers(config.storage);
  const key = async () => {
    const found = await keys.existingKey(DEMO_TENANT.domain);
    if (!found) throw new Error('the demo tenant has no log key yet');
    return found;
  };
  const admin = async <T>(method: string, path: string): Promise<T> => {
    const res = await fetch(`${sim}/_admin/${path}`, { method });
    if (!res.ok) throw new Error(`graph-sim admin ${method} ${path}: HTTP ${res.status}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const functionKey = settings.LOCAL_FUNCTION_KEY ?? '';
  /** Delivered mail's text by Message-ID: each is parsed once however often the list is read. */
  const parsed = new Map<string, string>();

  return {
    host,
    sim,
    async postMail(raw) {
      const recipient = encodeURIComponent(DEMO_TENANT.supportAddresses[0] ?? '');
      const res = await fetch(`${host}/api/inbound?recipient=${recipient}`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', 'x-functions-key': functionKey },
        body: raw,
      });
      if (res.status !== 202) throw new Error(`inbound answered ${res.status}`);
    },
    async ticketOf(messageId) {
      const page = await graph.get<{ value: Array<{ id: string }> }>(
        `/sites/${siteId}/lists/Tickets/items`,
        {
          op: 'bench: find ticket',
          query: { $filter: fieldEquals('MailKey', messageIdKey(messageId) ?? ''), $select: 'id' },
        },
      );
      return page.value[0]?.id;
    },
    async comment(ticketId, body) {
      const fields = {
        Title: 'Bench reply',
        Body: body,
        TicketLookupId: ticketId,
        Internal: false,
      };
      await graph.post(
        `/sites/${siteId}/lists/Comments/items`,
        { fields },
        { op: 'bench: comment' },
      );
    },
    async runOutbox() {
      const res = await fetch(`${host}/admin/functions/outbox`, {
        method: 'POST',
        headers: { 'x-functions-key': functionKey },
        body: JSON.stringify({ input: '' }),
      });
      if (res.status !== 202) throw new Error(`the host's admin API answered ${res.status}`);
    },
    async delivered(address) {
      const { value } = await admin<{ value: SentMail[] }>('GET', 'sent');
      const texts: string[] = [];
      for (const m of value.filter((sent) => sent.to.includes(address))) {
        let text = parsed.get(m.internetMessageId);
        if (text === undefined) {
          text = (await simpleParser(Buffer.from(m.raw, 'base64'))).text ?? '';
          parsed.set(m.internetMessageId, text);
        }
        texts.push(text);
      }
      return texts;
    },
    async runEnded(since) {
      // An idle run writes its line only on sweep ticks (lib/outbound/tick.ts); the local settings
      // sweep every minute. With another setting an idle run stays silent: say so, do not hang.
      const deadline = Date.now() + RUN_LINE_TIMEOUT_MS;
      for (;;) {
        if (Date.now() > deadline) {
          throw new Error(
            'no outbound.run line within 90 s: run npm start with OUTBOX_SWEEP_EVERY_MINUTES=1',
          );
        }
        const { events } = await readLogs(logs, await key(), DEMO_TENANT.domain, { since });
        const run = events.find(
          (e) => e.event === 'outbound.run' && Date.parse(String(e.at)) >= since.getTime(),
        );
        if (run) return run;
        await sleep(200);
      }
    },
    requests: () => admin('GET', 'stats'),
  };
}
