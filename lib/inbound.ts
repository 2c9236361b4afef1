/**
 * The inbound use case: a relay hands us a raw mail; we check it, find its tenant, stage it and
 * queue it. Answers follow docs/architecture.md "Endpoints"; the mail is accepted (202) only once it is
 * safely staged and queued, so a 503 tells the sender to retry and nothing accepted is lost.
 */
import { type HeaderField, candidateRecipients, readHeaderSection } from './mail/envelope';
import type { TenantRecord, TenantStore } from './tenants/store';
import type { EventLog } from './log';
import { TenantErased, errorCode } from './errors';
import type { MailDoor, MailStaging } from './storage/staging';

export type InboundResult =
  { status: 202; id: string } | { status: 400 | 404 | 413 | 503; error: string };

export interface InboundDeps {
  staging: MailStaging;
  tenants: TenantStore;
  log: EventLog;
  maxMailBytes: number;
}

/**
 * The envelope recipient(s) the door was given: a relay may list several (SendGrid's envelope
 * `to`); the first that is a tenant's support address wins. None given: the headers are read.
 */
export type Recipients = string | readonly string[] | undefined;

const NOT_A_SUPPORT_ADDRESS = 'recipient is not a support address of any tenant';

async function resolveTenant(
  tenants: TenantStore,
  recipient: Recipients,
  fields: readonly HeaderField[],
): Promise<{ tenant: TenantRecord; mailbox: string } | undefined> {
  const given = (typeof recipient === 'string' ? [recipient] : (recipient ?? []))
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r !== '');
  const candidates = given.length > 0 ? given : candidateRecipients(fields);
  for (const mailbox of candidates) {
    const tenant = await tenants.byAddress(mailbox);
    if (tenant) return { tenant, mailbox };
  }
  return undefined;
}

/** `door`: the relay route that took the mail (absent on plain `/api/inbound`). */
export async function acceptMail(
  raw: Buffer,
  recipient: Recipients,
  deps: InboundDeps,
  door?: MailDoor,
): Promise<InboundResult> {
  if (raw.length === 0)
    return { status: 400, error: 'empty body: expected a raw message (message/rfc822)' };
  if (raw.length > deps.maxMailBytes) {
    return { status: 413, error: `mail larger than ${deps.maxMailBytes} bytes` };
  }
  const headers = readHeaderSection(raw);
  if (!headers.ok) return { status: 400, error: headers.reason };
  let route: Awaited<ReturnType<typeof resolveTenant>>;
  try {
    route = await resolveTenant(deps.tenants, recipient, headers.fields);
  } catch (err) {
    deps.log.write({
      event: 'mail.inbound',
      level: 'error',
      outcome: 'unavailable',
      code: errorCode(err),
    });
    return { status: 503, error: 'tenant directory unavailable, retry later' };
  }
  if (!route) return { status: 404, error: NOT_A_SUPPORT_ADDRESS };
  try {
    const message = await deps.staging.stage(
      route.tenant.domain,
      route.mailbox,
      raw,
      door ? { door } : undefined,
    );
    deps.log.write({
      event: 'mail.inbound',
      tenant: route.tenant.domain,
      mailId: message.mailId,
      outcome: 'staged',
      bytes: raw.length,
      ...(door ? { door: door.kind } : {}),
    });
    return { status: 202, id: message.mailId };
  } catch (err) {
    // An erased tenant's address is no support address any more: the same answer as a stranger's.
    // Logged without the tenant: its key, which the tenant's events are sealed under, is gone.
    if (err instanceof TenantErased) {
      deps.log.write({ event: 'mail.inbound', outcome: 'refused', code: errorCode(err) });
      return { status: 404, error: NOT_A_SUPPORT_ADDRESS };
    }
    deps.log.write({
      event: 'mail.inbound',
      level: 'error',
      tenant: route.tenant.domain,
      outcome: 'unavailable',
      code: errorCode(err),
    });
    return { status: 503, error: 'staging unavailable, retry later' };
  }
}
