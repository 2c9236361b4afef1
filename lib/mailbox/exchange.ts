/**
 * A thin Exchange client over the same Graph SDK client the SharePoint side uses (lib/sharepoint/
 * graph.ts: per Entra tenant, app-only, the stage's signal, our bounded retry with Retry-After).
 * What it adds: `Prefer: IdType="ImmutableId"` on every request, so a message keeps its id when
 * it is moved; at most 4 requests at a time per mailbox (semaphore.ts); a raw MIME download that
 * stops at a byte limit; failures mapped once, like the SharePoint side's.
 */
import { type Client, type GraphRequest, ResponseType } from '@microsoft/microsoft-graph-client';

import type { GraphSettings } from '../config';
import { abortedError, currentSignal } from '../deadline';
import { type GraphClientOptions, createGraphClient } from '../sharepoint/graph';
import { toHelpdeskError } from '../sharepoint/errors';
import { AtMostOnce } from '../sharepoint/retry';
import { encodeQueryValue } from '../sharepoint/odata';
import { readBounded, responseFailure } from './mime';
import { KeyedSemaphore } from './semaphore';

export interface ExchangeCall {
  /** A fixed label for errors ("move message"); never a path, which carries ids and addresses. */
  op: string;
  /** OData query options of a first request; a nextLink or deltaLink already carries its own. */
  query?: Readonly<Record<string, string>>;
  /** Preferences beside the immutable ids, e.g. `odata.maxpagesize=50`. */
  prefer?: readonly string[];
  /** A body's type when it is not JSON: sendMail takes base64 MIME as `text/plain`. */
  contentType?: string;
  /** Retried only when throttled (retry.ts AtMostOnce): sending mail must not happen twice. */
  atMostOnce?: boolean;
}

/** The verbs the mailbox door uses; paths are relative to the version root, or a Graph link. */
export interface Exchange {
  get<T>(path: string, call: ExchangeCall): Promise<T>;
  post<T>(path: string, body: object | string, call: ExchangeCall): Promise<T>;
  patch<T>(path: string, body: object, call: ExchangeCall): Promise<T>;
  delete(path: string, call: ExchangeCall): Promise<void>;
  /** A message's raw MIME (`…/$value`), or 'too-large' as soon as it passes `maxBytes`. */
  mime(path: string, maxBytes: number, call: ExchangeCall): Promise<Buffer | 'too-large'>;
}

export interface ExchangeTenants {
  forTenant(entraTenantId: string): Exchange;
}

/** Exchange's limit per app and mailbox (docs/graph.md "Mail"). */
export const MAILBOX_CONCURRENCY = 4;

const IMMUTABLE_IDS = 'IdType="ImmutableId"';
// The mailbox a path is about, for the semaphore; subscription paths have none.
const USER_SEGMENT = /\/users\/([^/?]+)/i;

export class GraphExchange implements Exchange {
  constructor(
    private readonly client: Client,
    /** Keys the semaphore, so two tenants' mailboxes never share slots. */
    private readonly tenantKey: string,
    private readonly slots: KeyedSemaphore,
  ) {}

  get<T>(path: string, call: ExchangeCall): Promise<T> {
    return this.send(path, call, (r) => r.get()) as Promise<T>;
  }

  post<T>(path: string, body: object | string, call: ExchangeCall): Promise<T> {
    return this.send(path, call, (r) => r.post(body)) as Promise<T>;
  }

  patch<T>(path: string, body: object, call: ExchangeCall): Promise<T> {
    return this.send(path, call, (r) => r.patch(body)) as Promise<T>;
  }

  async delete(path: string, call: ExchangeCall): Promise<void> {
    await this.send(path, call, (r) => r.delete());
  }

  mime(path: string, maxBytes: number, call: ExchangeCall): Promise<Buffer | 'too-large'> {
    return this.send(path, call, async (r) => {
      const response = (await r.responseType(ResponseType.RAW).get()) as Response;
      if (!response.ok) throw await responseFailure(response);
      return readBounded(response, maxBytes);
    }) as Promise<Buffer | 'too-large'>;
  }

  private async send(
    path: string,
    call: ExchangeCall,
    run: (request: GraphRequest) => Promise<unknown>,
  ): Promise<unknown> {
    const user = USER_SEGMENT.exec(path)?.[1];
    const release = user ? await this.slots.acquire(`${this.tenantKey}|${user}`) : undefined;
    try {
      const prefer = [IMMUTABLE_IDS, ...(call.prefer ?? [])].join(', ');
      const request = this.client.api(path).header('Prefer', prefer);
      if (call.query) request.query(encodeQuery(call.query));
      if (call.contentType) request.header('Content-Type', call.contentType);
      if (call.atMostOnce) request.middlewareOptions([new AtMostOnce()]);
      return await run(request);
    } catch (err) {
      // Whatever the SDK made of a cancelled fetch or sleep, the cause is the deadline.
      const signal = currentSignal();
      throw signal?.aborted ? abortedError(signal.reason) : toHelpdeskError(call.op, err);
    } finally {
      release?.();
    }
  }
}

function encodeQuery(query: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, encodeQueryValue(v)]));
}

/** One Exchange client per Entra tenant, created on first use; one semaphore for the process. */
export class GraphExchangeTenants implements ExchangeTenants {
  private readonly byTenant = new Map<string, Exchange>();
  private readonly slots = new KeyedSemaphore(MAILBOX_CONCURRENCY);

  constructor(
    private readonly settings: GraphSettings,
    private readonly options: GraphClientOptions = {},
  ) {}

  forTenant(entraTenantId: string): Exchange {
    const key = entraTenantId.toLowerCase();
    const exchange =
      this.byTenant.get(key) ??
      new GraphExchange(
        createGraphClient(this.settings, entraTenantId, this.options),
        key,
        this.slots,
      );
    this.byTenant.set(key, exchange);
    return exchange;
  }
}
