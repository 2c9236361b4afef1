import { cutReply } from '../../../lib/mail/reply';

const reply = 'Thanks, that fixed it.\nBest, Anna';
const lines = (...l: string[]): string => l.join('\n');

const cases: Array<{ desc: string; mail: string; expected: string }> = [
  { desc: 'no history at all', mail: reply, expected: reply },
  {
    desc: 'Gmail "On ... wrote:" and > quoting',
    mail: lines(
      reply,
      '',
      'On Mon, Mar 2, 2020 at 10:01 AM Support <support@contoso.com> wrote:',
      '> old',
      '> text',
    ),
    expected: reply,
  },
  {
    desc: 'Gmail attribution wrapped over two lines',
    mail: lines(
      reply,
      '',
      'On Mon, Mar 2, 2020 at 10:01 AM Contoso Support Team <',
      'support@contoso.com> wrote:',
      '',
      '> old',
    ),
    expected: reply,
  },
  {
    desc: 'Apple Mail attribution',
    mail: lines(
      reply,
      '',
      '> On 2 Mar 2020, at 10:01, Support <support@contoso.com> wrote:',
      '> old',
    ),
    expected: reply,
  },
  {
    desc: 'Thunderbird attribution',
    mail: lines(reply, '', 'On 02.03.2020 10:01, Support wrote:', '> old'),
    expected: reply,
  },
  {
    desc: 'attribution directly under the text, no blank line',
    mail: lines(
      reply,
      'On Mon, Mar 2, 2020 at 10:01 AM Support <support@contoso.com> wrote:',
      '> old',
    ),
    expected: reply,
  },
  {
    desc: 'Outlook "-----Original Message-----"',
    mail: lines(
      reply,
      '',
      '-----Original Message-----',
      'From: Support',
      'Sent: Monday',
      '',
      'old',
    ),
    expected: reply,
  },
  {
    desc: 'Outlook header block after an underscore line',
    mail: lines(
      reply,
      '',
      '________________________________',
      'From: Support <support@contoso.com>',
      'Sent: Monday, March 2, 2020 10:01 AM',
      'To: Anna',
      'Subject: Printer',
      '',
      'old',
    ),
    expected: reply,
  },
  {
    desc: 'German Outlook "Von: … Gesendet: …" block',
    mail: lines(
      reply,
      '',
      'Von: Support <support@contoso.com>',
      'Gesendet: Montag, 2. März 2020 10:01',
      'An: Anna',
      'Betreff: Drucker',
      '',
      'alt',
    ),
    expected: reply,
  },
  {
    desc: 'French Outlook block with spaces before the colons',
    mail: lines(
      reply,
      '',
      'De : Support',
      'Envoyé : lundi 2 mars 2020 10:01',
      'À : Anna',
      'Objet : Imprimante',
      '',
      'ancien',
    ),
    expected: reply,
  },
  {
    desc: 'the signature separator "-- "',
    mail: lines(reply, '-- ', 'Anna Example', 'ACME Ltd'),
    expected: reply,
  },
  { desc: 'Sent from my iPhone', mail: lines(reply, '', 'Sent from my iPhone'), expected: reply },
  {
    desc: 'Von meinem iPhone gesendet',
    mail: lines(reply, '', 'Von meinem iPhone gesendet'),
    expected: reply,
  },
  {
    desc: 'Get Outlook for Android',
    mail: lines(reply, '', 'Get Outlook for Android<https://aka.ms/x>'),
    expected: reply,
  },
  {
    desc: 'CRLF line ends come back as LF',
    mail: 'Thanks\r\nAnna\r\n\r\n> old\r\n',
    expected: 'Thanks\nAnna',
  },
  {
    desc: 'bottom-posting: the text under the quote',
    mail: lines(
      'On Mon, Mar 2, 2020 at 10:01 AM Support <support@contoso.com> wrote:',
      '> old question',
      '',
      reply,
      '-- ',
      'sig',
    ),
    expected: reply,
  },
  {
    desc: 'a forwarded message is the request and is kept',
    mail: lines(
      'See below.',
      '',
      '---------- Forwarded message ---------',
      'The customer wrote this.',
    ),
    expected: lines(
      'See below.',
      '',
      '---------- Forwarded message ---------',
      'The customer wrote this.',
    ),
  },
  {
    desc: '"wrote:" in a sentence without date or address is not an attribution',
    mail: lines('This is what my colleague wrote:', 'the printer is on fire'),
    expected: lines('This is what my colleague wrote:', 'the printer is on fire'),
  },
  {
    desc: 'a line starting "From:" alone is not a header block',
    mail: lines('From: my experience, rebooting helps.', 'Anna'),
    expected: lines('From: my experience, rebooting helps.', 'Anna'),
  },
  {
    desc: 'a long sentence starting "Sent from" is not a mobile signature',
    mail: lines(
      'Sent from my office computer yesterday, the report never arrived at the printer and nobody knows why it failed.',
      'Anna',
    ),
    expected: lines(
      'Sent from my office computer yesterday, the report never arrived at the printer and nobody knows why it failed.',
      'Anna',
    ),
  },
];

describe('cutReply', () => {
  it.each(cases)('$desc', ({ mail, expected }) => {
    expect(cutReply(mail)).toBe(expected);
  });
});
