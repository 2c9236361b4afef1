/**
 * Envelope encryption for what the service writes about a tenant (log lines, staged mail):
 * AES-256-GCM under a per-tenant data key; the data key is stored only wrapped (AES-256-GCM under
 * the master key from configuration / Key Vault). Destroying a tenant's wrapped key makes
 * everything written under it unreadable (crypto-shredding).
 *
 * Sealed format: version byte 1 | 12-byte IV | ciphertext | 16-byte tag. The associated data
 * binds a sealed value to where it belongs (e.g. tenant and blob name), so a line copied into
 * another tenant's log does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

import { ConfigError } from '../errors';

const VERSION = 1;
const IV_BYTES = 12; // the GCM standard nonce size (NIST SP 800-38D)
const TAG_BYTES = 16;
const KEY_BYTES = 32; // AES-256

export class DecryptError extends Error {
  readonly code = 'decrypt-failed';
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]);
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
    throw new DecryptError('not a sealed value');
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptError('integrity check failed: wrong key or tampered data');
  }
}

/** LOG_MASTER_KEY: 32 random bytes, base64. */
export function masterKeyFrom(setting: string | undefined): Buffer {
  const key = Buffer.from(setting?.trim() ?? '', 'base64');
  if (key.length !== KEY_BYTES)
    throw new ConfigError('LOG_MASTER_KEY', 'must be 32 bytes, base64-encoded');
  return key;
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function wrapKey(master: Buffer, dataKey: Buffer, tenant: string): string {
  return seal(master, dataKey, `data-key:${tenant}`).toString('base64');
}

export function unwrapKey(master: Buffer, wrapped: string, tenant: string): Buffer {
  return open(master, Buffer.from(wrapped, 'base64'), `data-key:${tenant}`);
}

/**
 * An address as a correlation id: HMAC-SHA256 under a key derived from the tenant's data key, so
 * the same requester is recognisable in one tenant's logs and nowhere else, and erasing the
 * tenant's key makes the ids meaningless.
 */
export function addressId(dataKey: Buffer, address: string): string {
  const macKey = Buffer.from(
    hkdfSync('sha256', dataKey, Buffer.alloc(0), 'address-hmac', KEY_BYTES),
  );
  return createHmac('sha256', macKey)
    .update(address.trim().toLowerCase())
    .digest('base64url')
    .slice(0, 22);
}
