/**
 * The simulator's reading of a MIME sendMail or draft body (base64 of the whole message), apart
 * from a server: the largest bodies Graph takes must be read, bad base64 refused.
 */
import { GraphError } from '../../dev/graph-sim/errors';
import { mimeInput } from '../../dev/graph-sim/mail/sendInput';

const refused = (body: string): string | undefined => {
  try {
    mimeInput(Buffer.from(body, 'latin1'));
    return undefined;
  } catch (err) {
    return err instanceof GraphError ? err.code : String(err);
  }
};

describe('mimeInput', () => {
  it('when the body is 8 MiB of base64, then it is decoded (no regexp stack overflow)', () => {
    // Twice the request cap: a per-group pattern overflowed V8's regexp stack from about 5 MB.
    const raw = Buffer.alloc(6 * 1024 * 1024, 0x41);
    expect(mimeInput(Buffer.from(raw.toString('base64'))).equals(raw)).toBe(true);
  });

  it('when base64 comes in 76-character lines, then the line breaks are ignored', () => {
    const raw = Buffer.from('From: a@example.com\r\nSubject: s\r\n\r\nbody\r\n');
    const wrapped = raw.toString('base64').replace(/.{1,76}/g, '$&\r\n');
    expect(mimeInput(Buffer.from(wrapped)).equals(raw)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['a length not a multiple of 4', 'QUJDRA='],
    ['a pad inside', 'QU=DRA=='],
    ['three pads', 'QQ==='],
    ['a character outside the alphabet', 'QUJD-A=='],
  ])('when the body is %s, then Graph refuses it as invalid base64', (_what, body) => {
    expect(refused(body)).toBe('ErrorMimeContentInvalidBase64String');
  });
});
