import {
  decodeRawHeader,
  lenientUtf8,
  relabelShiftJisWords,
  repairDecoded,
} from '../../../lib/mail/charset';

const bytes = (...parts: Array<string | number[]>): Buffer =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))),
  );

describe('lenientUtf8', () => {
  it.each([
    { desc: 'valid UTF-8 stays', mail: bytes('Grüße 差出人'), expected: 'Grüße 差出人' },
    {
      desc: 'a Latin-1 byte in UTF-8 reads as windows-1252',
      mail: bytes('W', [0xf6], 'lbung'),
      expected: 'Wölbung',
    },
    { desc: 'mixed valid and invalid', mail: bytes('ä ', [0xe4], ' ', [0x80]), expected: 'ä ä €' },
    { desc: 'a truncated sequence at the end', mail: bytes('a', [0xe2, 0x82]), expected: 'aâ‚' },
  ])('$desc', ({ mail, expected }) => {
    expect(lenientUtf8(mail)).toBe(expected);
  });
});

describe('decodeRawHeader', () => {
  it.each([
    { desc: 'raw UTF-8 (RFC 6532)', mail: bytes('Grüße'), hint: undefined, expected: 'Grüße' },
    {
      desc: 'raw GB2312 with the declared charset',
      mail: Buffer.from([0xbc, 0xa8, 0xd0, 0xa7]),
      hint: 'GB2312',
      expected: '绩效',
    },
    {
      desc: 'raw Latin-1 without a hint',
      mail: Buffer.from([0x47, 0xfc, 0x6e]),
      hint: undefined,
      expected: 'Gün',
    },
    {
      desc: 'Shift_JIS in a mail declaring ISO-2022-JP',
      mail: Buffer.from([0x83, 0x63, 0x81, 0x5b, 0x83, 0x8b]),
      hint: 'iso-2022-jp',
      expected: 'ツール',
    },
    {
      desc: 'an unknown charset label falls back',
      mail: Buffer.from([0x47, 0xfc]),
      hint: 'x-nonsense',
      expected: 'Gü',
    },
  ])('$desc', ({ mail, hint, expected }) => {
    expect(decodeRawHeader(mail, hint)).toBe(expected);
  });
});

describe('relabelShiftJisWords', () => {
  it('when an ISO-2022-JP encoded word carries 8-bit bytes, then it is relabelled Shift_JIS', () => {
    const word = `=?ISO-2022-JP?B?${Buffer.from([0x83, 0x63]).toString('base64')}?=`;
    expect(relabelShiftJisWords(`Subject: ${word}`)).toBe('Subject: =?shift_jis?B?g2M=?=');
  });

  it('when an ISO-2022-JP encoded word is 7-bit, then it is left alone', () => {
    const word = '=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=';
    expect(relabelShiftJisWords(word)).toBe(word);
  });
});

describe('repairDecoded', () => {
  const part = (text: Buffer, flowed = false) => ({
    contentType: 'text/plain',
    bytes: text,
    flowed,
    delSp: false,
  });

  it('when strict decoding lost a Latin-1 byte, then the body gets the letter back', () => {
    const raw = bytes('Gr', [0xfc], '\r\nAnna');
    expect(repairDecoded('Gr\uFFFD\nAnna', [part(raw)], 'text/plain')).toBe('Grü\nAnna');
  });

  it('when the part is format=flowed, then it is compared as mailparser decoded it', () => {
    const raw = bytes('a soft ', '\r\n', 'break ', [0xe9]);
    expect(repairDecoded('a soft break \uFFFD', [part(raw, true)], 'text/plain')).toBe(
      'a soft break é',
    );
  });

  it('when the body has no replacement character, then it is returned as is', () => {
    expect(repairDecoded('fine', [part(bytes('x'))], 'text/plain')).toBe('fine');
  });
});
