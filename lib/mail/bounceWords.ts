/**
 * How bounces are worded, collected from the MTAs in the sisimai and flufl.bounce corpora and from
 * the major providers. Kept apart so the rules in bounce.ts stay readable.
 */

/** Sender local parts that only mail systems use (RFC 5321 §4.5.1 postmaster aside). */
export const DAEMON_LOCAL = /^(mailer[-_.]?daemon|mail[-_.]?daemon|mdaemon)$/i;

/**
 * Sender local parts that mail systems use, and people occasionally do too: postmaster (RFC 5321
 * §4.5.1), no-reply addresses, list managers, and names of mail software (an SMTP service, a
 * virus scanner, a gateway).
 */
export const SUPPORT_LOCAL =
  /^(postmaster|post_master|mail[-_.]?(admin|system|delivery)|no[-_.]?reply|noreply|nobody|root|sysadmin|mailman|majordomo|.*-(admin|bounces?|owner)|.*(smtp|antivirus|mailscanner|mail[-_]?gateway).*)$/i;

/** Display names of delivery systems. */
export const DAEMON_NAME =
  /mail(er)?[- ]?daemon|mail delivery (system|subsystem|service)|postmaster|system administrator|mail system|delivery status|antivirus|ndr administrator|mail administrator/i;

const SUBJECTS = [
  'undeliver(?:able|ed)',
  'undelivered mail',
  'delivery status notification',
  'delivery (?:status|report|notification|failure|failed|problem)',
  'failure notice',
  'returned mail',
  'mail delivery (?:failed|failure|problem|error|warning)',
  'failed mail',
  'delivery (?:status )?warning',
  'mail system error',
  'mail error',
  'message (?:delivery )?(?:failure|failed|not delivered|undeliverable)',
  'non[- ]?deliver(?:y|able)',
  'could not (?:be )?deliver',
  'not delivered',
  'warning: could not send',
  'delayed mail',
  'mail could not be delivered',
  'error (?:during|sending)',
  'unzustellbar',
  'nicht zustellbar',
  'non remis',
  'no entregado',
  'niet bezorgd',
  'non recapitat',
  'メールエラー',
  'エラー通知',
  '未達',
  'returned to sender',
  'delivery has failed',
  'user unknown',
  'awaits moderator approval',
];

/** Subjects that bounces start with (after an optional "[tag]" or "Warning:"). */
export const BOUNCE_SUBJECT = new RegExp(
  `^\\s*(?:\\[[^\\]]*\\]\\s*)?(?:warning:\\s*)?[^:]{0,40}?(?:${SUBJECTS.join('|')})`,
  'i',
);

const WORDING = [
  // Postfix, Exim, qmail, sendmail
  'this is the mail system at host',
  'i.m sorry to have to inform you that your message could not',
  'this message was created automatically by mail delivery software',
  'a message that you sent could not be delivered',
  'this is the qmail-send program',
  'i.m afraid i wasn.t able to deliver',
  'the following addresses? had permanent fatal errors',
  'transcript of session follows',
  'the original message was received at',
  // Exchange, Lotus, GroupWise, Yahoo, AOL, others
  'your message did not reach some or all of the intended recipients',
  'did not reach the following recipient',
  'delivery has failed to these recipients',
  'delivery to the following recipients? (?:failed|was unsuccessful)',
  'the following recipients? (?:could not|cannot) be reached',
  'unable to deliver (?:the )?message to the following',
  'sorry, we were unable to deliver your message',
  'could not be delivered to',
  'your (?:message|mail) (?:could not|was not|cannot) be delivered',
  'message (?:could not|was not) be(?:en)? delivered',
  'was not delivered to',
  'permanent(?:ly)? (?:error|failure|failed)',
  'undeliverable (?:message|mail)',
  'delivery (?:status notification|failure|failed)',
  'failed to deliver',
  'returned (?:mail|to sender)',
  'recipient address rejected',
  'user unknown',
  'no such (?:user|mailbox)',
  'mailbox (?:is )?(?:full|unavailable|not found)',
  'quota exceeded',
  'host unknown',
  'message delivery has failed',
  'delivery (?:of email )?(?:to this address )?has been (?:postponed|delayed)',
  'is not a valid mailbox',
  'awaits moderator approval',
  'konnte nicht zugestellt werden',
  "n'a pas pu être (?:remis|distribué)",
  'no se (?:pudo|ha podido) entregar',
  '送信できませんでした',
  '配信できませんでした',
  '届きませんでした',
];

export const BOUNCE_WORDING = new RegExp(WORDING.join('|'), 'i');
