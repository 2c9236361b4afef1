/**
 * Our own HTML replies (replyHtmlCases.ts, written after each client's real markup) through the
 * pipeline's own path for a reply's body, ticketDraft as a comment: the comment's visible text
 * must hold the new text, none of the quoted history, and must not be empty.
 */
import { ticketDraft } from '../../lib/mail/ticketDraft';
import { type CorpusResult, tally } from './corpus';
import { type ReplyHtmlCase, replyHtmlCases } from './replyHtmlCases';
import { collapse, visibleHtmlText } from './visibleText';

/** Why the comment made from a case is wrong, or undefined when it is right. */
export function replyHtmlVerdict(c: ReplyHtmlCase): string | undefined {
  const mail = { subject: 'Re: Printer', html: c.html, text: c.text, bodyTruncated: false };
  const seen = visibleHtmlText(ticketDraft(mail, { reply: true }).body);
  if (!seen) return 'empty comment';
  if (!seen.includes(collapse(c.own))) return 'new text lost';
  if (c.history.some((marker) => seen.includes(collapse(marker)))) return 'history kept';
  return undefined;
}

export function runReplyHtml(cases: ReplyHtmlCase[] = replyHtmlCases): CorpusResult {
  return tally(
    'reply-html',
    cases.map((c) => {
      const why = replyHtmlVerdict(c);
      return { file: c.client, ok: !why, rawOk: !why, corrected: false, why };
    }),
  );
}
