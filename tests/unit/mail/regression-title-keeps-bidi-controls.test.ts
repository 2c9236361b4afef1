/**
 * Issue 15, item 13: ticket titles kept U+202E and the other bidirectional controls, so a subject
 * could show agents a different text from the one stored ("Invoice \u202Efdp.exe" reads as
 * "Invoice exe.pdf"), and invisible format characters could hide text in a title.
 */
import { ticketTitle } from '../../../lib/mail/ticketFields';

describe('regression: titles carry no bidirectional controls or invisible format characters', () => {
  it.each([
    { desc: 'RIGHT-TO-LEFT OVERRIDE', subject: 'Invoice \u202Efdp.exe', title: 'Invoice fdp.exe' },
    { desc: 'embeddings and PDF', subject: 'a\u202A\u202B\u202C\u202Db', title: 'ab' },
    { desc: 'isolates', subject: 'a\u2066\u2067\u2068\u2069b', title: 'ab' },
    { desc: 'LRM, RLM and ALM', subject: 'a\u200E\u200F\u061Cb', title: 'ab' },
    { desc: 'zero-width space, word joiner, BOM', subject: 'a\u200B\u2060\uFEFFb', title: 'ab' },
    { desc: 'invisible operators and soft hyphen', subject: 'a\u2061\u2062\u00ADb', title: 'ab' },
    { desc: 'tag characters', subject: 'a\u{E0041}\u{E0042}b', title: 'ab' },
    { desc: 'C1 controls', subject: 'a\u0085\u009Bb', title: 'a b' },
    {
      desc: 'Hangul fillers and braille blank',
      subject: 'a\u3164\u115F\uFFA0\u2800b',
      title: 'ab',
    },
  ])('when the subject holds $desc, then the title has none of them', ({ subject, title }) => {
    expect(ticketTitle(subject)).toBe(title);
  });

  it('when a subject is only format characters, then the title says there was no subject', () => {
    expect(ticketTitle('\u202E\u200B\u2066')).toBe('(no subject)');
  });

  it('when a subject uses joiners inside words and emoji, then they stay', () => {
    // ZWNJ and ZWJ shape Persian and Indic words and join emoji; they cannot reorder text.
    expect(ticketTitle('\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 👩\u200D💻')).toBe(
      '\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 👩\u200D💻',
    );
  });
});
