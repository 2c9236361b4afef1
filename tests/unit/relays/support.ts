/**
 * The relay adapters' surroundings for unit tests: fakes of our own interfaces (staging, tenant
 * store, token store) and requests shaped as each relay documents them, streamed in small chunks
 * as a real body arrives.
 */
import { createHash } from 'node:crypto';

import type { BodyRequest } from '../../../lib/httpBody';
import { MemoryLog } from '../../../lib/log';
import type { RelayAnswer, RelayDeps } from '../../../lib/relays/answer';
import { takeMailgun } from '../../../lib/relays/mailgun';
import type { TokenStore } from '../../../lib/relays/replay';
import type { MailStaging, StageExtra } from '../../../lib/storage/staging';
import type { TenantRecord, TenantStore } from '../../../lib/tenants/store';
import { type MailgunFields, mailgun } from '../../e2e/relayRequests';

export const SUPPORT = 'support@alpha.example';
export const NOW = new Date('2026-12-02T04:00:00Z');
export const MAILGUN_KEY = 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0';
export const POSTMARK_CREDENTIALS = 'postmark:s3cret';

/** Mailgun's webhook tokens in memory (one process): the same rules as CosmosTokenStore. */
export class MemoryTokenStore implements TokenStore {
  readonly taken = new Set<string>();
  private id = (token: string): string => createHash('sha256').update(token).digest('hex');
  claim(token: string): Promise<boolean> {
    const had = this.taken.has(this.id(token));
    this.taken.add(this.id(token));
    return Promise.resolve(!had);
  }
  release(token: string): Promise<void> {
    this.taken.delete(this.id(token));
    return Promise.resolve();
  }
}

export interface Staged {
  tenant: string;
  mailbox: string;
  raw: Buffer;
  extra?: StageExtra;
}

export function relayDeps(overrides: Partial<RelayDeps> = {}): RelayDeps & {
  staged: Staged[];
  log: MemoryLog;
} {
  const staged: Staged[] = [];
  const staging = {
    stage: (tenant: string, mailbox: string, raw: Buffer, extra?: StageExtra) => {
      staged.push({ tenant, mailbox, raw, extra });
      return Promise.resolve({ mailId: `m${staged.length}` });
    },
  } as unknown as MailStaging;
  const tenants = {
    byAddress: (a: string) =>
      Promise.resolve(
        a === SUPPORT ? ({ domain: 'alpha.sharepoint.com' } as TenantRecord) : undefined,
      ),
  } as TenantStore;
  return {
    staging,
    tenants,
    log: new MemoryLog(),
    maxMailBytes: 64 * 1024,
    relays: { mailgunSigningKey: MAILGUN_KEY, postmarkCredentials: POSTMARK_CREDENTIALS },
    tokens: new MemoryTokenStore(),
    now: () => NOW,
    staged,
    ...overrides,
  } as RelayDeps & { staged: Staged[]; log: MemoryLog };
}

/** A request whose body arrives in chunks of `chunk` bytes, with the headers given. */
export function request(
  body: Buffer,
  headers: Record<string, string>,
  chunk = 1000,
): BodyRequest & { pulled: () => number } {
  let pulled = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < body.length; at += chunk) {
      pulled += 1;
      yield await Promise.resolve(body.subarray(at, at + chunk));
    }
  }
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    body: chunks(),
    headers: { get: (n) => lower.get(n.toLowerCase()) ?? null },
    pulled: () => pulled,
  };
}

export function mime(extraHeaders: string[] = [], body = 'It prints blank pages.'): Buffer {
  return Buffer.from(
    [
      'Received: from mail.example.com by mx.relay.example; Wed, 2 Dec 2026 04:00:00 +0000',
      'From: Anna Example <anna@example.com>',
      `To: ${SUPPORT}`,
      'Subject: Printer broken',
      'Message-ID: <relay-1@example.com>',
      'MIME-Version: 1.0',
      ...extraHeaders,
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
  );
}

/** Mailgun's signed timestamp for a request sent at NOW. */
export const TS = String(Math.floor(NOW.getTime() / 1000));
// Mailgun's tokens: 50 random characters.
export const token = (n: number): string => `${n}`.padStart(50, 'a');

/** Posts to the Mailgun door as Mailgun forwards a mail, signed at TS unless told otherwise. */
export function postMailgun(
  deps: RelayDeps,
  fields: Partial<MailgunFields> = {},
  encoding: 'urlencoded' | 'multipart' = 'urlencoded',
): Promise<RelayAnswer> {
  const form = mailgun(
    {
      raw: mime(),
      recipient: SUPPORT,
      key: MAILGUN_KEY,
      timestamp: TS,
      token: token(1),
      ...fields,
    },
    encoding,
  );
  return takeMailgun(request(form.body, form.headers), deps);
}
