/**
 * A sender reaches the reply cutter by answering their own ticket, before anything caps the
 * body. Some shapes cost time quadratic in their size (a tag full of `id=appendonsend` before an
 * Outlook cut took 20 s at 750 KB; 1,000 open elements and many closing tags took 9 s at 3 MB),
 * others a constant factor too many (1.4 s at 3 MB for bordered blocks that are no quoted
 * header, 1.7 s for white space before the div of a quote); a plain-text reply was cut whole, 1.5 million one-character lines in 2 s. The
 * issue's budget: any reply up to 3 MB is cut in under 0.5 s. Measured as this process's CPU time,
 * not the wall clock, best of three tries (tests/support/cpuBudget.ts).
 */
import { cutReplyHtml } from '../../../lib/mail/replyHtml';
import { commentBody } from '../../../lib/mail/ticketFields';
import { bestCpuMs } from '../../support/cpuBudget';

const BUDGET_MS = 500;
const SIZE = 3 * 1024 * 1024;
const OWN = '<p>Thanks, that fixed it.</p>';
const OUTLOOK_CUT = '<div id="divRplyFwdMsg"><b>From:</b> Support</div><div>old</div>';

/** `unit` repeated to fill 3 MB between `before` and `after`. */
function fill(unit: string, before = OWN, after = ''): string {
  const times = Math.floor((SIZE - before.length - after.length) / unit.length);
  return before + unit.repeat(times) + after;
}

const html: Array<[string, string]> = [
  ['one tag full of appendonsend ids', fill('id=appendonsend ', `${OWN}<div `, OUTLOOK_CUT)],
  ['many <hr> before an Outlook cut', fill('<hr>', OWN, OUTLOOK_CUT)],
  ['many <hr> and no cut', fill('<hr>')],
  ['1,000 open elements, then closing tags', `${OWN}${'<a>'.repeat(999)}${fill('</b>', '')}`],
  ['many bordered blocks that are no quoted header', fill('<div style="border-top:solid"></div>')],
  ['many blockquotes', fill('<blockquote>old</blockquote>')],
  ['nested blockquotes', fill('<blockquote>')],
  ['many Gmail quotes', fill('<div class="gmail_quote">On Mon, 2 Mar 2020 a@b.c wrote:</div>')],
  ['many attribution-like lines', fill('<p>On Mon, 2 Mar 2020 at 10:01 a@b.com wrote:</p>')],
  ['white space before the div of a quote', fill(' ', OWN, '<div><blockquote>old</blockquote>')],
  ['unclosed tags', fill('<div')],
  ['unclosed quoted attributes', fill(`<a x="'`)],
  ['unclosed comments', fill('<!--')],
  ['unclosed raw-text elements', fill('<title>x')],
  ['a huge single line', `<p>${'x'.repeat(SIZE)}</p>`],
];

const text: Array<[string, string]> = [
  ['many > quote lines', fill('> old\n', 'Thanks\n')],
  ['a quote, then the reply', fill('> old\n', '', 'Thanks')],
  ['many attribution-like lines', fill('On Mon, 2 Mar 2020 a@b.c wrote\n', '\n\n\n')],
  ['many header-like lines', fill('From: x\n', '')],
  ['one-character lines', fill('a\n', '')],
  ['a huge single line', 'x'.repeat(SIZE)],
  ['a huge line of spaces ending like an attribution', `On${' '.repeat(SIZE)}wrote:`],
];

describe('cutting a 3 MB hostile reply', () => {
  it.each(html)('when the HTML has %s, then it is cut within the budget', async (_d, body) => {
    const { cpuMs } = await bestCpuMs(BUDGET_MS, () => cutReplyHtml(body));
    expect(cpuMs).toBeLessThan(BUDGET_MS);
  });

  it.each(text)('when the text has %s, then it is cut within the budget', async (_d, body) => {
    const { cpuMs } = await bestCpuMs(BUDGET_MS, () =>
      commentBody({ text: body, html: undefined }),
    );
    expect(cpuMs).toBeLessThan(BUDGET_MS);
  });
});
