/**
 * The customer's texts of the mail the helpdesk sends, read from the site's `Mail Templates` list
 * (docs/schema.md). Graph requests: readTemplates 1. The list holds one item per template and
 * language, a handful in all, so it is read whole and filtered here: Language is not indexed,
 * and filtering on it would need Graph's "may fail randomly" header.
 */
import { type GraphItem, type ListRef, itemsPath } from './items';
import { type MailTemplate, TEMPLATE_KEYS, type TemplateKey } from './templateTexts';

// Far above the eight default items and what a customer adds for more languages; a longer list
// is not read further (the defaults cover whatever is left out).
const MAX_TEMPLATE_ITEMS = 200;

const isKey = (v: unknown): v is TemplateKey => TEMPLATE_KEYS.some((k) => k === v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The templates in the list, those of `language` only when given (compared without regard to
 * case). An item whose Title is no template key is skipped; an empty Subject or Body is returned
 * as read, for the renderer to fall back on the default and say so.
 */
export async function readTemplates(list: ListRef, language?: string): Promise<MailTemplate[]> {
  const page = await list.graph.get<{ value?: GraphItem[] }>(itemsPath(list), {
    op: 'read mail templates',
    query: {
      $select: 'id',
      $expand: 'fields($select=Title,Language,Subject,Body)',
      $top: String(MAX_TEMPLATE_ITEMS),
    },
  });
  const wanted = language?.trim().toLowerCase();
  const templates: MailTemplate[] = [];
  for (const item of page.value ?? []) {
    const f = item.fields ?? {};
    const key = text(f.Title).trim().toLowerCase();
    const itemLanguage = text(f.Language).trim().toLowerCase();
    if (!isKey(key) || (wanted !== undefined && itemLanguage !== wanted)) continue;
    templates.push({ key, language: itemLanguage, subject: text(f.Subject), body: text(f.Body) });
  }
  return templates;
}
