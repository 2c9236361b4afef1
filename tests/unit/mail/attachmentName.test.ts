import {
  type NamingFacts,
  attachmentName,
  attachmentNames,
} from '../../../lib/mail/attachmentName';

const part = (facts: Partial<NamingFacts>): NamingFacts => ({
  filename: undefined,
  contentType: 'application/octet-stream',
  declaredContentType: undefined,
  contentId: undefined,
  description: undefined,
  location: undefined,
  ...facts,
});

const cases: Array<{ desc: string; mail: NamingFacts; expected: string }> = [
  {
    desc: 'the declared name, trimmed, inner spaces kept',
    mail: part({ filename: ' Tax  Invoice.pdf ' }),
    expected: 'Tax  Invoice.pdf',
  },
  {
    desc: 'Content-Location',
    mail: part({ location: 'file:///C:/Users/x/image001.png' }),
    expected: 'image001.png',
  },
  {
    desc: 'an attached mail, by its subject',
    mail: part({ contentType: 'message/rfc822', embeddedSubject: 'Your order' }),
    expected: 'Your order.eml',
  },
  {
    desc: 'an attached mail without subject, by its description',
    mail: part({ contentType: 'message/rfc822', description: 'Undelivered Message' }),
    expected: 'Undelivered Message.eml',
  },
  {
    desc: 'an attached mail with neither',
    mail: part({ contentType: 'message/rfc822' }),
    expected: 'Mail.eml',
  },
  {
    desc: 'a Content-ID that looks like a file name',
    mail: part({ contentType: 'image/png', contentId: '<image002.png@01CDD14F.29D467A0>' }),
    expected: 'image002.png',
  },
  {
    desc: 'a delivery report by its description',
    mail: part({ contentType: 'message/delivery-status', description: 'Delivery report' }),
    expected: 'Delivery report.txt',
  },
  {
    desc: 'a delivery report without description',
    mail: part({ contentType: 'message/delivery-status' }),
    expected: 'delivery-status.txt',
  },
  {
    desc: 'an unnamed JPEG',
    mail: part({ contentType: 'image/jpeg', declaredContentType: 'image/jpeg' }),
    expected: 'image.jpg',
  },
  {
    desc: 'the declared type wins over the guessed one',
    mail: part({ contentType: 'image/png', declaredContentType: 'image/gif' }),
    expected: 'image.gif',
  },
  {
    desc: 'an unknown type with a Content-ID: its local part',
    mail: part({ contentType: 'application/x-thing', contentId: '<32497.1617621278.2@host>' }),
    expected: '32497.1617621278.2',
  },
  { desc: 'nothing to go by', mail: part({}), expected: 'file' },
];

describe('attachmentName', () => {
  it.each(cases)('$desc', ({ mail, expected }) => {
    expect(attachmentName(mail)).toBe(expected);
  });
});

describe('attachmentNames', () => {
  it('when names repeat in any case, then later ones are numbered as Graph renames them', () => {
    const names = attachmentNames([
      part({ filename: 'Video1.MOV' }),
      part({ contentType: 'video/quicktime' }),
      part({ contentType: 'video/quicktime' }),
      part({ filename: 'a.b.png' }),
      part({ filename: 'A.B.PNG' }),
      part({ filename: 'README' }),
      part({ filename: 'readme' }),
    ]);
    expect(names).toEqual([
      'Video1.MOV',
      'video.mov',
      'video 1.mov',
      'a.b.png',
      'A.B 1.PNG',
      'README',
      'readme 1',
    ]);
  });
});
