/**
 * A Mail Log of our own for the pipeline's unit tests (sharepoint/mailLog.ts MailLog), and a
 * processMail world (mailWorld.ts) whose site has it, or has none.
 */
import type { HelpdeskSite } from '../../../lib/sharepoint/helpdesk';
import type { MailLog, MailLogRecord } from '../../../lib/sharepoint/mailLog';
import { world } from './mailWorld';

// From the support address itself: a loop, dropped by classify.
export const LOOP = Buffer.from(
  'From: Desk <support@contoso.com>\r\nSubject: Re: Printer\r\nMessage-ID: <l1@x>\r\n\r\nLoop.',
);
export const NO_SENDER = Buffer.from(
  'Subject: Who?\r\nMessage-ID: <n1@x>\r\n\r\nNobody wrote this.',
);

/** A Mail Log with SharePoint's unique MailKey; `fail` makes the next writes throw. */
export class MemoryMailLog implements MailLog {
  readonly items = new Map<string, { entry: MailLogRecord; original: Buffer }>();
  fail: Error[] = [];
  async record(entry: MailLogRecord, original: Buffer): Promise<string> {
    const error = this.fail.shift();
    if (error) throw error;
    if (!this.items.has(entry.mailKey)) this.items.set(entry.mailKey, { entry, original });
    return entry.mailKey;
  }
}

export function logWorld(raw: Buffer, withList = true) {
  const w = world(raw);
  const mailLog = new MemoryMailLog();
  const open = w.deps.helpdesks.open;
  w.deps.helpdesks = {
    open: async (ref) => {
      const site: HelpdeskSite = await open(ref);
      return withList ? { ...site, mailLog } : site;
    },
  };
  return { ...w, mailLog };
}
