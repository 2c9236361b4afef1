/**
 * Cutting swallowed the reply itself: an attribution on the same line as the reply's text, lines
 * that format=flowed decoding joined across a change of quote depth, a line of the writer's own
 * starting ">>>". Forwarded messages were cut as history, and a cut starting inside a tag left
 * a stray '<'. Whatever is cut, a mail with text never becomes an empty comment.
 */
import { clientForwards, clientReplies } from '../../../dev/conformance/replyHtmlCases';
import { visibleHtmlText } from '../../../dev/conformance/visibleText';
import { cutReply } from '../../../lib/mail/reply';
import { cutReplyHtml } from '../../../lib/mail/replyHtml';
import { commentBody } from '../../../lib/mail/ticketFields';

const lines = (...l: string[]): string => l.join('\n');
const attribution = 'On Wed, Mar 4, 2020 at 10:01 AM Support <support@contoso.com> wrote:';
const forwarded = lines(
  'See below.',
  '',
  '---------- Forwarded message ---------',
  'From: Bob <bob@example.com>',
  'Date: Mon, 2 Mar 2020 at 10:01',
  'Subject: Printer',
  'To: <anna@example.com>',
  '',
  'The printer is on fire.',
);

describe('a cut that swallowed the reply', () => {
  it.each([
    ['an attribution on the same line', lines(`Hello ${attribution}`, '> old'), 'Hello'],
    ['flowed lines joined into a quote', lines(`Hello > ${attribution}`, '> old'), 'Hello'],
    [
      'own lines starting ">>>"',
      lines('Try this:', '>>> import printer', '>>> printer.reset()', 'It fails.'),
      lines('Try this:', '>>> import printer', '>>> printer.reset()', 'It fails.'),
    ],
    ['a forwarded message', forwarded, forwarded],
    ['only a quote', lines('> old', '> older'), lines('> old', '> older')],
    ['only a signature', lines('-- ', 'Anna', 'ACME'), lines('-- ', 'Anna', 'ACME')],
  ])('when the text has %s, then the reply stays', (_d, mail, expected) => {
    expect(cutReply(mail)).toBe(expected);
  });

  it('when the HTML has an attribution on the same line, then the text before it stays', () => {
    expect(cutReplyHtml(`<div>Hello ${attribution.replace(/</g, '&lt;')}<br>old</div>`)).toBe(
      '<div>Hello </div>',
    );
  });

  it.each(clientForwards)('when a $client is cut, then the forwarded message stays', (c) => {
    expect(cutReplyHtml(c.html)).toBe(c.html);
  });

  it('when a cut starts inside a long tag, then no stray "<" is left', () => {
    const html = `<p>Thanks</p><span ${' '.repeat(790)}title="a">${attribution.replace(/</g, '&lt;')}</span><blockquote>old</blockquote>`;
    expect(cutReplyHtml(html)).toBe('<p>Thanks</p>');
    expect(commentBody({ html, text: undefined })).not.toContain('&lt;');
  });
});

// A seeded generator (mulberry32): the same cases on every run.
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'Thanks, it works.',
  attribution,
  `Hello ${attribution}`,
  '> old',
  '>>> import printer',
  '-- ',
  'Sent from my iPhone',
  '-----Original Message-----',
  'From: Support <support@contoso.com>',
  'Sent: Monday, March 2, 2020 10:01 AM',
  '---------- Forwarded message ---------',
  '________________________________',
  '',
];

describe('no cut leaves an empty comment', () => {
  const next = random(20201202);
  const generated = Array.from({ length: 300 }, () =>
    Array.from(
      { length: 1 + Math.floor(next() * 8) },
      () => PIECES[Math.floor(next() * PIECES.length)] ?? '',
    ),
  );

  it('when any generated reply has text, then its text and HTML cuts have text', () => {
    for (const pieces of generated.filter((p) => p.join('').trim())) {
      expect(cutReply(pieces.join('\n')).trim()).not.toBe('');
      const html = pieces
        .map((p) =>
          p.startsWith('>')
            ? `<blockquote>${p}</blockquote>`
            : `<div>${p.replace(/</g, '&lt;')}</div>`,
        )
        .join('');
      expect(visibleHtmlText(cutReplyHtml(html))).not.toBe('');
    }
  });

  it.each(clientReplies)('when $client replies, then its cuts have text', (c) => {
    expect(visibleHtmlText(cutReplyHtml(c.html))).not.toBe('');
    if (c.text) expect(cutReply(c.text).trim()).not.toBe('');
  });
});
