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
import {
  type DecipherGCM,
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
} from 'node:crypto';

import { ConfigError } from '../errors';

const VERSION = 1;
const IV_BYTES = 12; // the GCM standard nonce size (NIST SP 800-38D)
const TAG_BYTES = 16;
const KEY_BYTES = 32; // AES-256

export class DecryptError extends Error {
  readonly code = 'decrypt-failed';
}

// Large values (a staged mail is up to MAIL_MAX_BYTES) pass through the cipher in slices, written
// into one output buffer or handed on one by one, so a value is never held twice.
const SLICE_BYTES = 1024 * 1024;
const HEAD_BYTES = 1 + IV_BYTES;

/** GCM is a stream mode: each slice's output has the slice's length and goes straight to `out`. */
function cipherInto(
  cipher: { update(data: Buffer): Buffer },
  input: Buffer,
  out: Buffer,
  at: number,
): number {
  let written = at;
  for (let i = 0; i < input.length; i += SLICE_BYTES) {
    written += cipher.update(input.subarray(i, i + SLICE_BYTES)).copy(out, written);
  }
  return written;
}

/** seal() as slices (version and IV, the ciphertext slice by slice, the tag), for an upload. */
export function* sealSlices(key: Buffer, plaintext: Buffer, aad: string): Generator<Buffer> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad, 'utf8'));
  yield Buffer.concat([Buffer.from([VERSION]), iv]);
  for (let i = 0; i < plaintext.length; i += SLICE_BYTES) {
    yield cipher.update(plaintext.subarray(i, i + SLICE_BYTES));
  }
  cipher.final(); // GCM emits nothing more here; it computes the tag
  yield cipher.getAuthTag();
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const out = Buffer.allocUnsafe(HEAD_BYTES + plaintext.length + TAG_BYTES);
  let at = 0;
  for (const slice of sealSlices(key, plaintext, aad)) at += slice.copy(out, at);
  return out;
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < HEAD_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
    throw new DecryptError('not a sealed value');
  }
  const iv = sealed.subarray(1, HEAD_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  const body = sealed.subarray(HEAD_BYTES, sealed.length - TAG_BYTES);
  const out = Buffer.allocUnsafe(body.length);
  try {
    cipherInto(decipher, body, out, 0);
    decipher.final();
  } catch {
    throw new DecryptError('integrity check failed: wrong key or tampered data');
  }
  return out;
}

/**
 * open() for a sealed value arriving as a stream of `length` bytes (a blob download): decrypted
 * into one buffer as it arrives, the last 16 bytes held back as the tag. Nothing is returned
 * unless the tag verifies. Errors of the stream itself pass through unchanged.
 */
export async function openStream(
  key: Buffer,
  chunks: AsyncIterable<Buffer>,
  length: number,
  aad: string,
): Promise<Buffer> {
  if (!Number.isSafeInteger(length) || length < HEAD_BYTES + TAG_BYTES) {
    throw new DecryptError('not a sealed value');
  }
  const out = Buffer.allocUnsafe(length - HEAD_BYTES - TAG_BYTES);
  let head = Buffer.alloc(0);
  let decipher: DecipherGCM | undefined;
  let held = Buffer.alloc(0); // not yet known not to be the tag
  let written = 0;
  for await (const chunk of chunks) {
    let data = chunk;
    if (!decipher) {
      head = Buffer.concat([head, data]);
      if (head.length < HEAD_BYTES) continue;
      if (head[0] !== VERSION) throw new DecryptError('not a sealed value');
      decipher = createDecipheriv('aes-256-gcm', key, head.subarray(1, HEAD_BYTES));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      data = head.subarray(HEAD_BYTES);
    }
    // All but the last 16 bytes seen so far are ciphertext: from what was held, then the chunk.
    const ready = Math.max(0, held.length + data.length - TAG_BYTES);
    if (written + ready > out.length) throw new DecryptError('sealed value longer than declared');
    const fromHeld = Math.min(held.length, ready);
    written = cipherInto(decipher, held.subarray(0, fromHeld), out, written);
    written = cipherInto(decipher, data.subarray(0, ready - fromHeld), out, written);
    held = Buffer.concat([held.subarray(fromHeld), data.subarray(ready - fromHeld)]);
  }
  if (!decipher || written !== out.length) throw new DecryptError('sealed value cut short');
  try {
    decipher.setAuthTag(held);
    decipher.final();
  } catch {
    throw new DecryptError('integrity check failed: wrong key or tampered data');
  }
  return out;
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
