/**
 * Auto-reply evidence in a mail's headers and subject. Each check answers with a short reason
 * code (never content) or undefined.
 */
import type { ParsedMail } from './types';

export type HeaderView = Pick<ParsedMail, 'headers'>;

export function header(mail: HeaderView, name: string): string | undefined {
  return mail.headers.get(name)?.[0]?.trim();
}

/**
 * RFC 3834 §5: Auto-Submitted other than "no" marks auto-generated or auto-replied mail. The
 * vendor headers X-Autoreply / X-Autorespond (sendmail vacation, cPanel, Zimbra) mean the same
 * unless they say "no"; `Precedence: bulk|junk|list` (RFC 3834 §2, de facto) marks mail no one
 * should answer automatically, which is also mail that should not open a ticket.
 */
export function autoReplyHeader(mail: HeaderView): string | undefined {
  const autoSubmitted = header(mail, 'auto-submitted')?.toLowerCase();
  if (autoSubmitted && !/^no\b/.test(autoSubmitted)) return 'auto-submitted';
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const value = header(mail, name);
    if (value !== undefined && !/^(no|false|0)$/i.test(value)) return 'x-autoreply';
  }
  if (/^(bulk|junk|list)\b/i.test(header(mail, 'precedence') ?? '')) return 'precedence';
  // fml, a list server common in Japan, answers without Precedence but marks its own mail.
  if (header(mail, 'x-mlserver') !== undefined) return 'list-server';
  return undefined;
}

/**
 * X-Auto-Response-Suppress (MS-OXCMAIL §2.2.3.2.20) asks the receiver not to answer; Exchange
 * puts "All" on its out-of-office replies, but notification senders (Zulip, Synapse, MimeKit
 * users) put it on ordinary mail too, and Discourse had to stop reading it as an auto-reply
 * (discourse#21367). So it counts only with a null return path, which ordinary mail never has.
 */
export function exchangeAutoReply(mail: Pick<ParsedMail, 'headers' | 'returnPath'>): boolean {
  const suppress = header(mail, 'x-auto-response-suppress');
  return mail.returnPath === '' && !!suppress && /\b(all|oof|autoreply)\b/i.test(suppress);
}

// Out-of-office and auto-reply subjects as mail systems write them, at the start of the subject
// (a human's "Re: out of office policy" is not one). en, de, fr, es, nl, it, pt, sv, da/no, pl,
// fi, cs, ja, zh.
const OOO_SUBJECT = new RegExp(
  '^\\s*(?:\\[[^\\]]*\\]\\s*)?(?:' +
    [
      'out of (?:the )?office',
      'auto(?:matic)?[ -]?(?:reply|response|answer)',
      'autoreply',
      'away from (?:the )?office',
      'abwesenheitsnotiz',
      'automatische antwort',
      'abwesenheit:',
      'r[ée]ponse automatique',
      'absence du bureau',
      'absent(?:e)? du bureau',
      "message d'absence",
      'respuesta autom[áa]tica',
      'fuera de la oficina',
      'automatisch antwoord',
      'afwezigheidsbericht',
      'niet aanwezig:',
      'risposta automatica',
      'fuori (?:sede|ufficio)',
      'resposta autom[áa]tica',
      'fora do escrit[óo]rio',
      'automatiskt svar',
      'automatisk svar',
      'fr[åa]nvaro:',
      'automatyczna odpowied[źz]',
      'poza biurem',
      'automaattinen vastaus',
      'automatick[áa] odpov[ěe][ďd]',
      '自動応答',
      '自動返信',
      '不在通知',
      '自动回复',
      '自動回覆',
    ].join('|') +
    ')',
  'i',
);

export function outOfOfficeSubject(subject: string): boolean {
  return OOO_SUBJECT.test(subject);
}
