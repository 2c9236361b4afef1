import {
  MAX_NAME,
  ORIGINAL_MAIL,
  folderFileNames,
  safeFileName,
} from '../../../lib/sharepoint/fileName';

describe('safeFileName', () => {
  it.each([
    { desc: 'an ordinary name', wanted: 'Invoice 2026.pdf', expected: 'Invoice 2026.pdf' },
    { desc: 'path separators', wanted: '../../etc/passwd', expected: '.._.._etc_passwd' },
    { desc: 'a Windows path', wanted: 'C:\\Users\\ann\\a.txt', expected: 'C__Users_ann_a.txt' },
    { desc: 'reserved characters', wanted: 'a"b*c:d<e>f?g|h.txt', expected: 'a_b_c_d_e_f_g_h.txt' },
    { desc: 'control characters', wanted: 'a\u0000b\u0007c\u009f.txt', expected: 'abc.txt' },
    {
      desc: 'a right-to-left override hiding an .exe',
      wanted: 'invoice\u202Efdp.exe',
      expected: 'invoicefdp.exe',
    },
    { desc: 'zero-width characters', wanted: 're\u200Bport\uFEFF.pdf', expected: 'report.pdf' },
    { desc: 'trailing dots and spaces', wanted: 'notes. . ', expected: 'notes' },
    { desc: 'only dots', wanted: '...', expected: 'file' },
    { desc: 'nothing left', wanted: '\u200B\u200C', expected: 'file' },
    { desc: 'a device name', wanted: 'CON.txt', expected: '_CON.txt' },
    { desc: 'a device name without extension', wanted: 'lpt1', expected: '_lpt1' },
    { desc: 'desktop.ini', wanted: 'Desktop.ini', expected: '_Desktop.ini' },
    { desc: '_vti_ anywhere', wanted: 'a_vti_b.txt', expected: 'a_vti-b.txt' },
    {
      desc: 'a hash and a percent sign (SharePoint Online allows them)',
      wanted: '#1 100%.txt',
      expected: '#1 100%.txt',
    },
    {
      desc: 'decomposed accents, composed',
      wanted: 'Re\u0301sume\u0301.pdf',
      expected: 'Résumé.pdf',
    },
  ])('when the name has $desc, then it becomes "$expected"', ({ wanted, expected }) => {
    expect(safeFileName(wanted)).toBe(expected);
  });

  it('when the name is too long, then it is cut to MAX_NAME keeping the extension', () => {
    const name = safeFileName(`${'a'.repeat(300)}.docx`);
    expect(name).toHaveLength(MAX_NAME);
    expect(name.endsWith('.docx')).toBe(true);
  });

  it('when the cut would split an emoji, then the whole emoji goes', () => {
    const name = safeFileName(`${'a'.repeat(MAX_NAME - 5)}😀😀.txt`);
    expect(name).toBe(`${'a'.repeat(MAX_NAME - 5)}.txt`);
    expect(name.length).toBeLessThanOrEqual(MAX_NAME);
  });
});

describe('folderFileNames', () => {
  it('when names differ only in case or in unsafe characters, then they are numbered', () => {
    expect(
      folderFileNames(['Photo.JPG', 'photo.jpg', 'a:b.txt', 'a?b.txt'], { ticketFolder: false }),
    ).toEqual(['Photo.JPG', 'photo 1.jpg', 'a_b.txt', 'a_b 1.txt']);
  });

  it('when an attachment is called original.eml, then the name stays free for the mail itself', () => {
    expect(folderFileNames(['Original.EML'], { ticketFolder: false })).toEqual(['Original 1.EML']);
    expect(ORIGINAL_MAIL).toBe('original.eml');
  });

  it('when a file in a ticket folder is named like a comment id, then it is numbered', () => {
    expect(folderFileNames(['42', '42.txt'], { ticketFolder: true })).toEqual(['42 1', '42.txt']);
    expect(folderFileNames(['42'], { ticketFolder: false })).toEqual(['42']);
  });

  it('when 200 attachments share one name, then all 200 names are distinct', () => {
    const names = folderFileNames(Array(200).fill('image.png'), { ticketFolder: true });
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(200);
    expect(names[199]).toBe('image 199.png');
  });
});
