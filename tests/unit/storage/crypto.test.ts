import { randomBytes } from 'node:crypto';

import { ConfigError } from '../../../lib/errors';
import {
  DecryptError,
  addressId,
  masterKeyFrom,
  newDataKey,
  open,
  seal,
  unwrapKey,
  wrapKey,
} from '../../../lib/storage/crypto';

describe('envelope encryption', () => {
  const key = newDataKey();
  const text = Buffer.from('{"event":"mail.processed","mailId":"m1"}');

  it('when a value is sealed and opened with the same key and context, then it round-trips', () => {
    const sealed = seal(key, text, 'contoso/2026-11-22/10.log');
    expect(sealed.includes(text)).toBe(false);
    expect(open(key, sealed, 'contoso/2026-11-22/10.log')).toEqual(text);
  });

  it.each([
    ['a flipped ciphertext byte', (s: Buffer) => s.writeUInt8(s.readUInt8(20) ^ 1, 20), 'ctx'],
    [
      'a flipped tag byte',
      (s: Buffer) => s.writeUInt8(s.readUInt8(s.length - 1) ^ 1, s.length - 1),
      'ctx',
    ],
    ['another context (a line moved to another tenant)', () => undefined, 'other-ctx'],
  ])('when opened after %s, then it fails the integrity check', (_d, tamper, context) => {
    const sealed = seal(key, text, 'ctx');
    tamper(sealed);
    expect(() => open(key, sealed, context)).toThrow(DecryptError);
  });

  it('when opened with another key (the tenant key was destroyed and replaced), then it fails', () => {
    expect(() => open(newDataKey(), seal(key, text, 'ctx'), 'ctx')).toThrow(DecryptError);
  });

  it('when a data key is wrapped, then only the master key and the same tenant unwrap it', () => {
    const master = randomBytes(32);
    const wrapped = wrapKey(master, key, 'contoso.sharepoint.com');
    expect(unwrapKey(master, wrapped, 'contoso.sharepoint.com')).toEqual(key);
    expect(() => unwrapKey(master, wrapped, 'fabrikam.sharepoint.com')).toThrow(DecryptError);
    expect(() => unwrapKey(randomBytes(32), wrapped, 'contoso.sharepoint.com')).toThrow(
      DecryptError,
    );
  });

  it('when an address is turned into an id, then it is stable per tenant key, case-blind and not the address', () => {
    const other = newDataKey();
    expect(addressId(key, 'Anna@Example.com')).toBe(addressId(key, 'anna@example.com'));
    expect(addressId(key, 'anna@example.com')).not.toBe(addressId(other, 'anna@example.com'));
    expect(addressId(key, 'anna@example.com')).not.toMatch(/anna|example/);
  });

  it.each([undefined, '', 'c2hvcnQ='])(
    'when the master key setting is %p, then a ConfigError names it',
    (value) => {
      expect(() => masterKeyFrom(value)).toThrow(ConfigError);
    },
  );
});
