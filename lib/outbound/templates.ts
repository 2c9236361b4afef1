/**
 * Fills a mail template (the customer's `Mail Templates` item, or our default) with a ticket's
 * values. In the HTML body every value is escaped, except the one already safe: a comment's body,
 * which was sanitised when it was written and is passed wrapped by `safeHtml`. The subject is a
 * header, plain text: its values go in as they are (composeMail keeps it on one line). A token we
 * do not know renders empty; a template whose braces do not form tokens is broken, and the
 * default of its key and language is used instead, with the key logged (never the text).
 */
import { PipelineBug } from '../errors';
import { escapeHtml } from '../mail/html';
import { type EventLog, stdoutLog } from '../log';
import {
  DEFAULT_TEMPLATES,
  type MailTemplate,
  type TemplateKey,
} from '../sharepoint/templateTexts';

/** HTML that needs no escaping; only code that knows it is safe wraps a value in it. */
export class SafeHtml {
  constructor(readonly html: string) {}
}

export const safeHtml = (html: string): SafeHtml => new SafeHtml(html);

export type TemplateValue = string | number | SafeHtml | undefined;

/** Values by token name: `ticket.id`, `ticket.title`, `requester.name`, `comment.body`, ... */
export type TemplateValues = Readonly<Record<string, TemplateValue>>;

export interface RenderedMail {
  subject: string;
  html: string;
  /** True when the given template was broken and the default was used. */
  fallback: boolean;
}

const TOKEN = /\{\{\s*([a-z]+(?:\.[a-z]+)*)\s*\}\}/gi;

const asText = (value: TemplateValue): string =>
  value instanceof SafeHtml ? value.html : value === undefined ? '' : String(value);

const asHtml = (value: TemplateValue): string =>
  value instanceof SafeHtml ? value.html : escapeHtml(asText(value));

/** The text with its tokens filled, or undefined when braces are left that form no token. */
function fill(text: string, values: TemplateValues, show: (v: TemplateValue) => string) {
  if (text.replace(TOKEN, '').match(/\{\{|\}\}/)) return undefined;
  return text.replace(TOKEN, (_m, name: string) => {
    const key = name.toLowerCase();
    return Object.hasOwn(values, key) ? show(values[key]) : '';
  });
}

/** Our default of a key, in the language asked for, else in English. */
export function defaultTemplate(key: TemplateKey, language: string): MailTemplate {
  const of = (lang: string) => DEFAULT_TEMPLATES.find((t) => t.key === key && t.language === lang);
  const found = of(language.trim().toLowerCase().slice(0, 2)) ?? of('en');
  if (!found) throw new PipelineBug(`no default template ${key}`);
  return found;
}

function render(template: MailTemplate, values: TemplateValues) {
  if (!template.subject.trim() || !template.body.trim()) return undefined;
  const subject = fill(template.subject, values, asText);
  const html = fill(template.body, values, asHtml);
  return subject === undefined || html === undefined ? undefined : { subject, html };
}

export function renderTemplate(
  template: MailTemplate,
  values: TemplateValues,
  log: EventLog = stdoutLog,
): RenderedMail {
  const rendered = render(template, values);
  if (rendered) return { ...rendered, fallback: false };
  log.write({
    event: 'outbound.template',
    level: 'warn',
    outcome: 'broken-default-used',
    template: template.key,
    language: /^[a-z]{2}$/i.test(template.language) ? template.language : 'other',
  });
  const fallback = render(defaultTemplate(template.key, template.language), values);
  if (!fallback) throw new PipelineBug(`default template ${template.key} does not render`);
  return { ...fallback, fallback: true };
}
