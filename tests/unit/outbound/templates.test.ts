import { MemoryLog } from '../../../lib/log';
import { defaultTemplate, renderTemplate, safeHtml } from '../../../lib/outbound/templates';
import {
  DEFAULT_TEMPLATES,
  type MailTemplate,
  TEMPLATE_KEYS,
} from '../../../lib/sharepoint/templateTexts';

const values = {
  'ticket.id': 42,
  'ticket.title': 'Printer <on> fire & "smoke"',
  'requester.name': '<script>alert(1)</script>',
  'mail.subject': 'Re: A & B',
  'comment.body': safeHtml('<p>We sent a <b>technician</b>.</p>'),
};

const custom = (subject: string, body: string): MailTemplate => ({
  key: 'ack',
  language: 'en',
  subject,
  body,
});

describe('renderTemplate', () => {
  it('escapes every value in the body but the comment, already safe', () => {
    const log = new MemoryLog();
    const out = renderTemplate(
      custom('x', '<p>{{requester.name}} {{ticket.title}}</p>{{comment.body}}'),
      values,
      log,
    );
    expect(out.html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; Printer &lt;on&gt; fire &amp; &quot;smoke&quot;</p>' +
        '<p>We sent a <b>technician</b>.</p>',
    );
    expect(out.fallback).toBe(false);
    expect(log.events).toEqual([]);
  });

  it('writes the subject as plain text, a header', () => {
    const out = renderTemplate(DEFAULT_TEMPLATES[0]!, values, new MemoryLog());
    expect(out.subject).toBe('[#42] Re: A & B');
  });

  it('leaves unknown and missing tokens empty, and takes spaces and case inside braces', () => {
    const out = renderTemplate(
      custom('{{ Ticket.ID }}{{secret.key}}', '<p>[{{limit}}]{{unknown.token}}</p>'),
      values,
      new MemoryLog(),
    );
    expect(out).toEqual({ subject: '42', html: '<p>[]</p>', fallback: false });
  });

  it.each([
    ['an unclosed token', '<p>Hello {{requester.name</p>'],
    ['a stray closing', '<p>Hello requester.name}}</p>'],
    ['a token with spaces in its name', '<p>{{ticket id}}</p>'],
    ['an empty body', '  '],
  ])('falls back to the default on %s and logs the key only', (_what, body) => {
    const log = new MemoryLog();
    const out = renderTemplate(
      { ...custom('Hi {{ticket.id}}', body), language: 'de' },
      values,
      log,
    );
    const expected = renderTemplate(defaultTemplate('ack', 'de'), values, new MemoryLog());
    expect(out).toEqual({ ...expected, fallback: true });
    expect(log.events).toEqual([
      expect.objectContaining({ event: 'outbound.template', template: 'ack', language: 'de' }),
    ]);
    expect(JSON.stringify(log.events)).not.toContain('Hello');
  });

  it('renders every default of every language without falling back', () => {
    for (const t of DEFAULT_TEMPLATES) {
      const out = renderTemplate(t, values, new MemoryLog());
      expect(out.fallback).toBe(false);
      expect(out.html).not.toMatch(/\{\{|\}\}|<script/);
    }
  });

  it('finds a default for each key in a language we lack, in English', () => {
    for (const key of TEMPLATE_KEYS) {
      expect(defaultTemplate(key, 'fr')).toMatchObject({ key, language: 'en' });
      expect(defaultTemplate(key, 'de-AT')).toMatchObject({ key, language: 'de' });
    }
  });
});
