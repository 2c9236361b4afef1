/**
 * Fakes of the mailbox door's own roles (MailboxDeps) for unit tests: an Exchange that answers
 * from a handler and records each request, an in-memory mailbox store and claims, a job list.
 */
import { MemoryLog } from '../../../lib/log';
import type { MailClaims } from '../../../lib/mailbox/claims';
import type { MailboxDeps } from '../../../lib/mailbox/deps';
import type { Exchange, ExchangeCall } from '../../../lib/mailbox/exchange';
import type { MailboxJob } from '../../../lib/mailbox/jobs';
import { type MailboxRecord, mailboxId } from '../../../lib/mailbox/record';
import type { MailboxStore } from '../../../lib/mailbox/store';
import { toHelpdeskError } from '../../../lib/sharepoint/errors';
import type { MailMessage, MailSource } from '../../../lib/storage/staging';
import type { TenantRecord } from '../../../lib/tenants/store';

export interface Request {
  method: string;
  path: string;
  body?: unknown;
  call: ExchangeCall;
}

export type Answer = (request: Request) => unknown;

/** A Graph failure as the SDK would report it, mapped the way the real client maps it. */
export function graphError(status: number, code: string): Error {
  return toHelpdeskError('test', { statusCode: status, code });
}

export class FakeExchange implements Exchange {
  readonly requests: Request[] = [];
  constructor(public answer: Answer) {}

  private async send(request: Request): Promise<unknown> {
    this.requests.push(request);
    return this.answer(request);
  }

  get<T>(path: string, call: ExchangeCall) {
    return this.send({ method: 'GET', path, call }) as Promise<T>;
  }
  post<T>(path: string, body: object, call: ExchangeCall) {
    return this.send({ method: 'POST', path, body, call }) as Promise<T>;
  }
  patch<T>(path: string, body: object, call: ExchangeCall) {
    return this.send({ method: 'PATCH', path, body, call }) as Promise<T>;
  }
  async delete(path: string, call: ExchangeCall) {
    await this.send({ method: 'DELETE', path, call });
  }
  async mime(path: string, maxBytes: number, call: ExchangeCall) {
    const raw = (await this.send({ method: 'GET', path, call })) as Buffer;
    return raw.length > maxBytes ? ('too-large' as const) : raw;
  }
}

export class MemoryMailboxes implements MailboxStore {
  readonly records = new Map<string, MailboxRecord>();
  async get(tenant: string, address: string) {
    return this.records.get(mailboxId(tenant, address));
  }
  async bySubscription(id: string) {
    return [...this.records.values()].find((r) => r.subscriptionId === id);
  }
  async list(tenant?: string) {
    return [...this.records.values()].filter((r) => tenant === undefined || r.tenant === tenant);
  }
  async put(record: MailboxRecord) {
    this.records.set(record.id, { ...record });
  }
  async update(
    record: Pick<MailboxRecord, 'tenant' | 'address'>,
    change: (r: MailboxRecord) => Partial<MailboxRecord>,
  ) {
    const current = await this.get(record.tenant, record.address);
    if (!current) return undefined;
    const next = { ...current, ...change(current) };
    this.records.set(next.id, next);
    return next;
  }
  async delete(tenant: string, address: string) {
    return this.records.delete(mailboxId(tenant, address));
  }
}

export class MemoryClaims implements MailClaims {
  readonly states = new Map<string, 'claimed' | 'done'>();
  async claim(_tenant: string, userId: string, messageId: string) {
    const key = `${userId}|${messageId}`;
    const state = this.states.get(key);
    if (state === 'done') return 'done' as const;
    if (state === 'claimed') return 'busy' as const;
    this.states.set(key, 'claimed');
    return {
      done: async () => void this.states.set(key, 'done'),
      abandon: async () => void this.states.delete(key),
    };
  }
}

export const TENANT: TenantRecord = {
  id: 'contoso.sharepoint.com',
  domain: 'contoso.sharepoint.com',
  entraTenantId: '00000000-0000-4000-8000-000000000001',
  siteUrl: 'https://contoso.sharepoint.com/sites/helpdesk',
  supportAddresses: ['support@contoso.com'],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
  installations: [],
};

export const RECORD: MailboxRecord = {
  id: mailboxId(TENANT.domain, 'support@contoso.com'),
  tenant: TENANT.domain,
  address: 'support@contoso.com',
  userId: 'user-1',
  subscriptionId: 'sub-1',
  subscriptionExpiresAt: '2026-01-04T00:00:00.000Z',
  folders: { processed: 'f-processed', notATicket: 'f-not' },
  connectedAt: '2026-01-01T00:00:00.000Z',
};

/** A mailbox door with one connected mailbox; `answer` plays Exchange. */
export function mailboxWorld(answer: Answer = () => ({})) {
  const exchange = new FakeExchange(answer);
  const mailboxes = new MemoryMailboxes();
  void mailboxes.put(RECORD);
  const jobs: MailboxJob[] = [];
  const staged: Array<{ tenant: string; mailbox: string; raw: Buffer; source?: MailSource }> = [];
  const log = new MemoryLog();
  let clock = new Date('2026-01-02T00:00:00.000Z');
  const deps: MailboxDeps = {
    exchange: { forTenant: () => exchange },
    mailboxes,
    tenants: { get: async (d) => (d === TENANT.domain ? TENANT : undefined) },
    staging: {
      stage: async (tenant, mailbox, raw, extra) => {
        const source = extra?.source;
        staged.push({ tenant, mailbox, raw, source });
        return stagedMessage(tenant, mailbox, source);
      },
    },
    claims: new MemoryClaims(),
    jobs: { send: async (job) => void jobs.push(job) },
    log,
    config: {
      publicBaseUrl: 'https://helpdesk.example',
      maxMailBytes: 1000,
      clientStateKey: Buffer.alloc(32, 7),
      appId: '11111111-1111-4111-8111-111111111111',
    },
    now: () => clock,
  };
  const setNow = (d: Date) => void (clock = d);
  return { deps, exchange, mailboxes, jobs, staged, log, setNow };
}

export function stagedMessage(tenant: string, mailbox: string, source?: MailSource): MailMessage {
  return {
    v: 1,
    mailId: `m-${Math.random().toString(36).slice(2)}`,
    blob: 'b',
    tenant,
    mailbox,
    receivedAt: '2026-01-02T00:00:00.000Z',
    ...(source ? { source } : {}),
  };
}
