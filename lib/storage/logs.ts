/**
 * The encrypted log sink: events are batched per tenant and appended, one sealed line each, to an
 * append blob per tenant and hour (`logs/{tenant}/{yyyy-mm-dd}/{hh}.log`). A line's associated
 * data is its blob name, so lines cannot be moved between tenants or hours unnoticed.
 * Memory is bounded: past MAX_BUFFERED lines the oldest are dropped and the drop is counted in the
 * next batch. close() flushes everything, so nothing is lost on an orderly shutdown.
 */
import type { ContainerClient } from '@azure/storage-blob';

import { TenantErased } from '../errors';
import type { EventLog, LogEvent } from '../log';
import { open, seal } from './crypto';
import type { KeyRing } from './keyring';

export const LOGS_CONTAINER = 'logs';
export const SERVICE_TENANT = '_service';
// 10,000 lines (a few MB) is minutes of events at peak; beyond it storage is down and
// keeping more would only move the problem into the process's memory.
const MAX_BUFFERED = 10_000;
// A batch a second per tenant: an append blob takes 50,000 blocks, so an hour's blob holds 3,600.
const FLUSH_MS = 1000;

export function logBlobName(tenant: string, at: Date): string {
  const iso = at.toISOString();
  return `${tenant}/${iso.slice(0, 10)}/${iso.slice(11, 13)}.log`;
}

export class EncryptedLogSink implements EventLog {
  private buffered: Array<{ tenant: string; line: string; at: Date }> = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  // infra/ creates the container in Azure; the local stack does not, so the first flush does
  // (once per process), like staging does for its own.
  private containerReady: Promise<unknown> | undefined;

  constructor(
    private readonly container: ContainerClient,
    private readonly keys: KeyRing,
    private readonly now: () => Date = () => new Date(),
  ) {}

  write(event: LogEvent): void {
    const at = this.now();
    const tenant = event.tenant ?? SERVICE_TENANT;
    this.buffered.push({
      tenant,
      at,
      line: JSON.stringify({ at: at.toISOString(), level: 'info', ...event }),
    });
    if (this.buffered.length > MAX_BUFFERED) {
      this.buffered.shift();
      this.dropped++;
    }
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), FLUSH_MS);
  }

  /** Writes what is buffered; lines that fail to write are put back for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
  }

  private async flushNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffered;
    this.buffered = [];
    if (this.dropped > 0) {
      const at = this.now();
      batch.push({
        tenant: SERVICE_TENANT,
        at,
        line: JSON.stringify({
          at: at.toISOString(),
          level: 'warn',
          event: 'log.dropped',
          count: this.dropped,
        }),
      });
      this.dropped = 0;
    }
    const groups = new Map<string, { tenant: string; lines: string[] }>();
    for (const { tenant, line, at } of batch) {
      const blob = logBlobName(tenant, at);
      const group = groups.get(blob) ?? { tenant, lines: [] };
      group.lines.push(line);
      groups.set(blob, group);
    }
    const failed: typeof batch = [];
    await Promise.all(
      [...groups].map(async ([blob, { tenant, lines }]) => {
        try {
          const key = await this.keys.keyFor(tenant);
          const text = lines
            .map((l) => `${seal(key, Buffer.from(l, 'utf8'), blob).toString('base64')}\n`)
            .join('');
          const client = this.container.getAppendBlobClient(blob);
          this.containerReady ??= this.container.createIfNotExists().catch((err: unknown) => {
            this.containerReady = undefined;
            throw err;
          });
          await this.containerReady;
          await client.createIfNotExists();
          await client.appendBlock(text, Buffer.byteLength(text));
        } catch (err) {
          // An erased tenant's lines can never be written (no key may be made for it): dropped.
          if (err instanceof TenantErased) {
            this.dropped += lines.length;
            return;
          }
          const at = this.now();
          for (const line of lines) failed.push({ tenant, line, at });
        }
      }),
    );
    if (failed.length > 0) {
      this.buffered = [...failed, ...this.buffered].slice(-MAX_BUFFERED);
      this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), FLUSH_MS * 5);
    }
  }
}

export interface ReadOptions {
  since: Date;
  until?: Date;
}

/** Decrypts a tenant's log lines in a time window; a line that fails its integrity check is reported, not hidden. */
export async function readLogs(
  container: ContainerClient,
  key: Buffer,
  tenant: string,
  options: ReadOptions,
): Promise<{ events: Array<Record<string, unknown>>; unreadable: number }> {
  const events: Array<Record<string, unknown>> = [];
  let unreadable = 0;
  const from = logBlobName(tenant, options.since);
  for await (const item of container.listBlobsFlat({ prefix: `${tenant}/` })) {
    if (item.name < from) continue;
    const text = (await container.getBlobClient(item.name).downloadToBuffer()).toString('utf8');
    for (const line of text.split('\n').filter(Boolean)) {
      try {
        const event = JSON.parse(
          open(key, Buffer.from(line, 'base64'), item.name).toString('utf8'),
        ) as Record<string, unknown>;
        const at = Date.parse(String(event.at));
        if (at >= options.since.getTime() && (!options.until || at <= options.until.getTime()))
          events.push(event);
      } catch {
        unreadable++;
      }
    }
  }
  return { events, unreadable };
}
