/**
 * The filters that admit a mail or stop it: load the staged bytes, parse them (a mail without an
 * author stops here), find the tenant, drop loops, abuse reports and spam, hold the mail while the
 * licence is not valid, open the tenant's helpdesk site. What they guarantee is in `Admitted`.
 */
import type { TenantRecord } from '../tenants/store';
import type { Classification } from '../mail/classify';
import type { HelpdeskSite } from '../sharepoint/helpdesk';
import type { MailMessage } from '../storage/staging';
import type { Run } from './runner';
import { classify } from './stages/classify';
import { licence } from './stages/licence';
import { load } from './stages/load';
import { type AuthoredMail, parse } from './stages/parse';
import { site } from './stages/site';
import { spam } from './stages/spam';
import { tenant } from './stages/tenant';

/** A mail every filter let through, with what they found. */
export interface Admitted {
  message: MailMessage;
  /** The staged bytes, as received. */
  raw: Buffer;
  mail: AuthoredMail;
  /** The key the mail's item is stored under (mail/mailKey.ts), until another mail took it. */
  mailKey: string;
  tenant: TenantRecord;
  classification: Classification;
  site: HelpdeskSite;
}

export async function admit(run: Run, message: MailMessage): Promise<Admitted> {
  const raw = await run.step(load, message);
  const { mail, mailKey } = await run.step(parse, raw);
  const record = await run.step(tenant, message);
  const classification = await run.step(classify, { message, mail, tenant: record });
  await run.step(spam, { message, mail, tenant: record });
  await run.step(licence, { message, tenant: record, mail, classification });
  const helpdesk = await run.step(site, record);
  return { message, raw, mail, mailKey, tenant: record, classification, site: helpdesk };
}
