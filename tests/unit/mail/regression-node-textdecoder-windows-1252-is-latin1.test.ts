// Node's TextDecoder reads the label windows-1252 as ISO-8859-1, so 0x80-0x9F came out as C1
// control characters instead of € ‚ „ … ’ “ ” –.
import { decodeAs, lenientUtf8 } from '../../../lib/mail/charset';

it('when windows-1252 bytes 0x80-0x9F are decoded, then they are the WHATWG characters', () => {
  const bytes = Buffer.from([0x80, 0x92, 0x93, 0x94, 0x96, 0x85]);
  expect(decodeAs(bytes, 'windows-1252')).toBe('€’“”–…');
  expect(decodeAs(bytes, 'ISO-8859-1')).toBe('€’“”–…');
  expect(lenientUtf8(Buffer.from([0x61, 0x80]))).toBe('a€');
});
