/**
 * The texts one mail is written with: the customer's `Mail Templates` items of the tenant's
 * language (decision: `tenant.language`, else English), and our default for a key the site does
 * not have. renderTemplate then falls back to the default once more if the customer's is broken.
 */
import { errorCode } from '../errors';
import type { EventLog } from '../log';
import type { TemplateShelf } from '../sharepoint/helpdesk';
import type { MailTemplate, TemplateKey } from '../sharepoint/templateTexts';
import { defaultTemplate } from './templates';

export class TemplateSet {
  constructor(
    private readonly found: readonly MailTemplate[],
    readonly language: string,
  ) {}

  get(key: TemplateKey): MailTemplate {
    return this.found.find((t) => t.key === key) ?? defaultTemplate(key, this.language);
  }
}

/** The tenant's language for the mail it sends; TenantRecord.language when set. */
export const languageOf = (tenant: { language?: string }): string => tenant.language ?? 'en';

/**
 * The site's templates of the language (1 request; none on a site without the list). When they
 * cannot be read and `useDefaults` accepts the failure, ours are used and that is logged with the
 * failure's code (never a text).
 */
export async function siteTemplates(
  open: () => Promise<TemplateShelf>,
  tenant: { id: string; language?: string },
  log: EventLog,
  useDefaults: (err: unknown) => boolean,
): Promise<TemplateSet> {
  const language = languageOf(tenant);
  try {
    return new TemplateSet(await (await open()).readTemplates(language), language);
  } catch (err) {
    if (!useDefaults(err)) throw err;
    log.write({
      event: 'outbound.template',
      level: 'warn',
      tenant: tenant.id,
      outcome: 'defaults-used',
      code: errorCode(err),
    });
    return new TemplateSet([], language);
  }
}
