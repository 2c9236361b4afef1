/**
 * The default texts of the mail the helpdesk sends, in English and German. Provisioning writes
 * them into the site's `Mail Templates` list, where the customer edits them (docs/schema.md); the
 * sender falls back to them when an item is missing or broken. Bodies are HTML. Tokens:
 * `{{ticket.id}}`, `{{ticket.title}}`, `{{requester.name}}`, `{{comment.body}}`,
 * `{{mail.subject}}`, `{{limit}}`.
 */

export const TEMPLATE_KEYS = ['ack', 'reply', 'notice-size', 'notice-held'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
export const TEMPLATE_LANGUAGES = ['en', 'de'] as const;

export interface MailTemplate {
  key: TemplateKey;
  /** A language tag as the customer writes it (`en`, `de`). */
  language: string;
  subject: string;
  /** HTML with tokens. */
  body: string;
}

// Notices follow the human-readable part of a delivery status notification (RFC 3464): what
// happened to which message, whether anything more will happen, what the sender can do. They
// never quote the refused mail beyond its subject.
export const DEFAULT_TEMPLATES: readonly MailTemplate[] = [
  {
    key: 'ack',
    language: 'en',
    subject: '[#{{ticket.id}}] {{mail.subject}}',
    body:
      '<p>Hello {{requester.name}},</p>' +
      '<p>thank you for your message. We have opened ticket #{{ticket.id}} for it and will get back to you soon.</p>' +
      '<p>To add something, reply to this mail and keep [#{{ticket.id}}] in the subject.</p>' +
      '<p>This is an automatic reply.</p>',
  },
  {
    key: 'ack',
    language: 'de',
    subject: '[#{{ticket.id}}] {{mail.subject}}',
    body:
      '<p>Hallo {{requester.name}},</p>' +
      '<p>vielen Dank für Ihre Nachricht. Wir haben dazu das Ticket #{{ticket.id}} angelegt und melden uns bald bei Ihnen.</p>' +
      '<p>Wenn Sie etwas ergänzen möchten, antworten Sie auf diese Mail und lassen Sie [#{{ticket.id}}] im Betreff stehen.</p>' +
      '<p>Dies ist eine automatische Antwort.</p>',
  },
  {
    key: 'reply',
    language: 'en',
    subject: 'Re: [#{{ticket.id}}] {{ticket.title}}',
    body:
      '{{comment.body}}' +
      '<hr><p>Ticket #{{ticket.id}}: {{ticket.title}}. To answer, reply to this mail.</p>',
  },
  {
    key: 'reply',
    language: 'de',
    subject: 'Re: [#{{ticket.id}}] {{ticket.title}}',
    body:
      '{{comment.body}}' +
      '<hr><p>Ticket #{{ticket.id}}: {{ticket.title}}. Antworten Sie einfach auf diese Mail.</p>',
  },
  {
    key: 'notice-size',
    language: 'en',
    subject: 'Not delivered: {{mail.subject}}',
    body:
      '<p>Hello {{requester.name}},</p>' +
      '<p>your message "{{mail.subject}}" could not be delivered to our helpdesk: it is larger than {{limit}}. No ticket was opened, and it will not be tried again.</p>' +
      '<p>Please send it again with smaller attachments, or share large files as a link.</p>' +
      '<p>This is an automatic notice.</p>',
  },
  {
    key: 'notice-size',
    language: 'de',
    subject: 'Nicht zugestellt: {{mail.subject}}',
    body:
      '<p>Hallo {{requester.name}},</p>' +
      '<p>Ihre Nachricht „{{mail.subject}}“ konnte unserem Helpdesk nicht zugestellt werden: Sie ist größer als {{limit}}. Es wurde kein Ticket angelegt, und die Zustellung wird nicht wiederholt.</p>' +
      '<p>Bitte senden Sie sie mit kleineren Anhängen erneut, oder teilen Sie große Dateien als Link.</p>' +
      '<p>Dies ist eine automatische Benachrichtigung.</p>',
  },
  {
    key: 'notice-held',
    language: 'en',
    subject: 'Delayed: {{mail.subject}}',
    body:
      '<p>Hello {{requester.name}},</p>' +
      '<p>your message "{{mail.subject}}" has reached us, but our helpdesk cannot take it in at the moment. It is kept and will be processed once the helpdesk is available again, for up to {{limit}}.</p>' +
      '<p>You do not need to send it again. If it is urgent, please contact us another way.</p>' +
      '<p>This is an automatic notice.</p>',
  },
  {
    key: 'notice-held',
    language: 'de',
    subject: 'Verzögert: {{mail.subject}}',
    body:
      '<p>Hallo {{requester.name}},</p>' +
      '<p>Ihre Nachricht „{{mail.subject}}“ ist bei uns eingegangen, kann von unserem Helpdesk aber im Moment nicht angenommen werden. Sie wird aufbewahrt und bearbeitet, sobald der Helpdesk wieder verfügbar ist, höchstens {{limit}} lang.</p>' +
      '<p>Sie müssen sie nicht erneut senden. Wenn es dringend ist, erreichen Sie uns bitte auf anderem Weg.</p>' +
      '<p>Dies ist eine automatische Benachrichtigung.</p>',
  },
];
