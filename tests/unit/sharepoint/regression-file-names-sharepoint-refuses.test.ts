/**
 * Issue 15, item 12: attachment names that SharePoint refuses or that disagree with its rules got
 * through: a `~$` prefix (Office's lock files; SharePoint refuses the name), a cut that left a
 * trailing dot, blank-looking Hangul fillers and the braille blank, and uniqueness by JavaScript's
 * lower case, while SharePoint compares names by their invariant upper case (`ındex` = `INDEX`).
 */
import { attachmentNames } from '../../../lib/mail/attachmentName';
import {
  MAX_NAME,
  folderFileNames,
  safeFileName,
  sameFileName,
} from '../../../lib/sharepoint/fileName';

const plain = {
  contentType: 'application/octet-stream',
  declaredContentType: undefined,
  contentId: undefined,
  description: undefined,
  location: undefined,
};

describe('regression: names SharePoint refuses are made acceptable', () => {
  it('when a name starts with ~$, then it no longer does', () => {
    expect(safeFileName('~$report.docx')).toBe('_~$report.docx');
  });

  it('when cutting a long name leaves a trailing dot, then the dot goes', () => {
    // The 20-character extension is too long to keep; the stem is cut right after a dot.
    const name = safeFileName(`${'a'.repeat(MAX_NAME - 1)}.${'x'.repeat(20)}.${'y'.repeat(20)}`);
    expect(name).toBe('a'.repeat(MAX_NAME - 1));
  });

  it('when cutting a long name with an extension leaves a dot before it, then it goes too', () => {
    const name = safeFileName(`${'a'.repeat(MAX_NAME - 5)}. ${'b'.repeat(10)}.pdf`);
    expect(name).toBe(`${'a'.repeat(MAX_NAME - 5)}.pdf`);
  });

  it.each([
    { desc: 'Hangul fillers', wanted: 'invoice\u3164\u3164.pdf', expected: 'invoice.pdf' },
    { desc: 'choseong and jungseong fillers', wanted: 'a\u115F\u1160b.txt', expected: 'ab.txt' },
    { desc: 'the halfwidth filler', wanted: 'a\uFFA0b.txt', expected: 'ab.txt' },
    { desc: 'the braille blank', wanted: 'a\u2800b.txt', expected: 'ab.txt' },
    { desc: 'only blank-looking characters', wanted: '\u3164\u2800', expected: 'file' },
  ])('when a name holds $desc, then they go', ({ wanted, expected }) => {
    expect(safeFileName(wanted)).toBe(expected);
  });
});

describe('regression: names are unique as SharePoint compares them', () => {
  it('when names differ only as dotless ı and I, then SharePoint would see one name twice', () => {
    expect(sameFileName('ındex.html', 'INDEX.html')).toBe(true);
    expect(folderFileNames(['ındex.html', 'INDEX.html'], { ticketFolder: false })).toEqual([
      'ındex.html',
      'INDEX 1.html',
    ]);
  });

  it('when a mail names two parts ındex.html and INDEX.html, then the second is numbered', () => {
    const names = attachmentNames([
      { ...plain, filename: 'ındex.html' },
      { ...plain, filename: 'INDEX.html' },
    ]);
    expect(names).toEqual(['ındex.html', 'INDEX 1.html']);
  });

  it('when names differ as ß and SS, then they are different names (one character each way)', () => {
    expect(sameFileName('straße.txt', 'STRASSE.txt')).toBe(false);
  });
});
