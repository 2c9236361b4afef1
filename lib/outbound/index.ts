/**
 * Mail out (issue 9), the domain part: composing MIME, filling templates, the ack rules, and
 * sending through the customer's mailbox. Nothing here decides when to send; the callers do.
 */
export {
  type AckDecision,
  type AckMail,
  type SenderAcks,
  ACK_WINDOW_SECONDS,
  ackDecision,
  recentlyAckedIn,
} from './ack';
export {
  type ComposedMail,
  type MailSpec,
  type OutboundAddress,
  type OutboundAttachment,
  composeMail,
} from './compose';
export { MailSendAccessError, findSent, sendMime } from './send';
export {
  type RenderedMail,
  type TemplateValues,
  SafeHtml,
  defaultTemplate,
  renderTemplate,
  safeHtml,
} from './templates';
export {
  DEFAULT_TEMPLATES,
  type MailTemplate,
  type TemplateKey,
} from '../sharepoint/templateTexts';
