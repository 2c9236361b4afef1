/**
 * The notice to the sender of a message too large to take (issue 9): read at the mailbox door,
 * where the refusal happens, since such a message is never staged. One Exchange request reads
 * what the notice rules need (author, subject, Message-ID, header fields) without the body; the
 * mail is classified like any other, so an auto-reply or bounce gets no notice
 * (outbound/notice.ts applies the rules and sends once). A notice that fails is logged and
 * dropped: the message is already settled as not a ticket.
 */
import { errorCode } from '../errors';
import { type ClassifiableMail, classify } from '../mail/classify';
import { returnPathOf } from '../mail/headerFields';
import type { OpenMailbox } from './context';
import type { MailboxDeps } from './deps';
import { messagePath } from './paths';

interface MessageHead {
  from?: { emailAddress?: { address?: string; name?: string } } | null;
  subject?: string | null;
  internetMessageId?: string | null;
  internetMessageHeaders?: Array<{ name?: string; value?: string }> | null;
}

const HEAD_FIELDS = 'from,subject,internetMessageId,internetMessageHeaders';

/** What classification and the notice read, from Graph's view of the message. */
export function headView(head: MessageHead): ClassifiableMail & { messageId?: string } {
  const headers = new Map<string, string[]>();
  for (const { name, value } of head.internetMessageHeaders ?? []) {
    if (!name || value === undefined) continue;
    const key = name.toLowerCase();
    headers.set(key, [...(headers.get(key) ?? []), value]);
  }
  const address = head.from?.emailAddress?.address?.trim().toLowerCase();
  const contentType = headers.get('content-type')?.[0]?.toLowerCase() ?? 'text/plain';
  const reportType = /^multipart\/report\b.*?\breport-type\s*=\s*"?([\w-]+)/.exec(contentType);
  return {
    from: address ? { address, name: head.from?.emailAddress?.name ?? '' } : undefined,
    subject: head.subject ?? '',
    messageId: head.internetMessageId ?? undefined,
    headers,
    returnPath: returnPathOf(headers.get('return-path')),
    structure: {
      parts: 1,
      depth: 1,
      types: [contentType.split(';')[0]?.trim() ?? 'text/plain'],
      reportType: reportType?.[1],
    },
    reports: [],
    text: undefined,
  };
}

/** The limit as the notice states it, "35 MB": rounded down, so never more than is taken. */
export function sizeLimitText(bytes: number): string {
  const [size, unit] = bytes >= 2 ** 20 ? [bytes / 2 ** 20, 'MB'] : [bytes / 1024, 'KB'];
  return `${Math.floor(size * 10) / 10} ${unit}`;
}

export async function noticeTooLarge(
  opened: OpenMailbox,
  messageId: string,
  deps: MailboxDeps,
): Promise<void> {
  if (!deps.notices) return;
  const { record, tenant, exchange } = opened;
  const event = { event: 'outbound.notice', tenant: record.tenant, kind: 'notice-size' };
  try {
    const head = await exchange.get<MessageHead>(messagePath(record.userId, messageId), {
      op: 'read message head',
      query: { $select: HEAD_FIELDS },
    });
    const mail = headView(head);
    const classification = classify(mail, {
      ownAddresses: [...tenant.supportAddresses, record.address],
    });
    const outcome = await deps.notices.send(
      'notice-size',
      { tenant, mailbox: record.address, key: messageId, mail, classification },
      { limit: sizeLimitText(deps.config.maxMailBytes) },
    );
    deps.log.write({ ...event, outcome });
  } catch (err) {
    deps.log.write({ ...event, level: 'warn', outcome: 'failed', code: errorCode(err) });
  }
}
