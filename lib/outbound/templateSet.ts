/**
 * The texts one mail is written with: the customer's `Mail Templates` items of the tenant's
 * language (decision: `tenant.language`, else English), and our default for a key the site does
 * not have. renderTemplate then falls back to the default once more if the customer's is broken.
 */
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

/** One request: the site's templates of the language (none on a site without the list). */
export async function readTemplateSet(
  shelf: TemplateShelf,
  language: string,
): Promise<TemplateSet> {
  return new TemplateSet(await shelf.readTemplates(language), language);
}
