/**
 * Mail out (issue 9): composing MIME, filling templates, the ack rules, sending through the
 * customer's mailbox at most once, the outbox run of a tenant (acks and agents' replies), refusal
 * notices, and the ack window in Cosmos. The timer (tick.ts) and the pipeline decide when.
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
export { ackMessageId, noticeMessageId, replyMessageId } from './messageIds';
export { type NoticeKind, type Notices, type RefusedMail, outboundNotices } from './notice';
export {
  OUTBOX_DEFAULTS,
  type OutboxConfig,
  type OutboxDeps,
  type OutboxRun,
  runOutbox,
} from './outbox';
export { MailSendAccessError, findSent, sendMime } from './send';
export { CosmosSenderAcks } from './senderAcks';
export { type SendOutcome, sendLarge, sendOnce } from './sendOnce';
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
