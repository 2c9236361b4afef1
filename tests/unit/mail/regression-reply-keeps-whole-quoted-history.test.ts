/**
 * Replies whose quoted history is a header block rather than a <blockquote> kept the whole
 * thread in the comment: older Outlook, Hotmail, Windows Mail and localized blocks, AOL and
 * Zimbra, an attribution with no quote after it; in plain text, markers the cutter did not know.
 * Where the text and HTML parts disagreed, the comment (made from the HTML part) kept it all.
 */
import { clientReplies } from '../../../dev/conformance/replyHtmlCases';
import { collapse, visibleHtmlText } from '../../../dev/conformance/visibleText';
import { cutReply } from '../../../lib/mail/reply';
import { cutReplyHtml } from '../../../lib/mail/replyHtml';
import { commentBody } from '../../../lib/mail/ticketFields';

const reply = 'Thanks, that fixed it.\nBest, Anna';
const lines = (...l: string[]): string => l.join('\n');

describe('a reply whose history is a header block', () => {
  it.each(clientReplies)('when $client replies, then the comment keeps only the new text', (c) => {
    expect(visibleHtmlText(cutReplyHtml(c.html))).toBe(collapse(c.own));
  });

  it.each(clientReplies.filter((c) => c.text))(
    'when $client sends both parts, then the comment from the HTML is cut as the text is',
    (c) => {
      const fromHtml = visibleHtmlText(commentBody({ html: c.html, text: c.text }));
      expect(fromHtml).toBe(collapse(cutReply(c.text ?? '')));
      expect(fromHtml).toBe(collapse(c.own));
    },
  );
});

describe('a plain-text reply with a quote marker the cutter did not know', () => {
  it.each([
    ['German "Antwort Nachricht"', lines(reply, '', '---- Antwort Nachricht ----', 'alt')],
    ['Danish "Oprindelig meddelelse"', lines(reply, '', '-----Oprindelig meddelelse-----', 'gl')],
    ['"---- X wrote ----" (Zoho)', lines(reply, '', '---- Support wrote ----', '', 'old')],
    [
      '"-----On … wrote-----"',
      lines(
        reply,
        '',
        '-----On Mon, Mar 2, 2020 at 10:01 AM, Support <s@contoso.com> wrote-----',
        'old',
      ),
    ],
    [
      'an attribution wrapped after "at"',
      lines(
        reply,
        '',
        'On Tue, Mar 3, 2020 at',
        '10:01 AM Support <support@contoso.com> wrote:',
        '> old',
      ),
    ],
    [
      'an attribution wrapped after "a.m."',
      lines(
        reply,
        '',
        'On Mon, Mar 2, 2020 at 10:01 a.m.',
        'Support <support@contoso.com> wrote:',
        '> old',
      ),
    ],
    [
      '"<date> <name> <address>" without a colon (Gmail in Russian)',
      lines(reply, '', '2020-03-02 10:01 GMT+03:00 Support <support@contoso.com>', '', '> old'),
    ],
    [
      'a Date/To block without From (Hotmail)',
      lines(reply, '', 'Date: Mon, 2 Mar 2020 10:01:00 +0100', 'To: anna@example.com', '', 'old'),
    ],
    [
      'a localized block with direction marks (Windows Mail)',
      lines(
        reply,
        '',
        '\u200eОт: Поддержка',
        '\u200eОтправлено: 2 марта 2020 г. 10:01',
        '\u200eКому: Анна',
        '',
        'old',
      ),
    ],
  ])('when it is %s, then the history is cut', (_d, mail) => {
    expect(cutReply(mail)).toBe(reply);
  });

  it('when the reply has date and subject lines of its own, then they stay', () => {
    const notes = lines(
      'Meeting notes:',
      'Date: 12 March 2020',
      'Subject: printer review',
      'Room 4',
    );
    expect(cutReply(notes)).toBe(notes);
  });
});
