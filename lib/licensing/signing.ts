/**
 * Signed licence answers: a compact JWS (EdDSA over Ed25519) an installation can verify with the
 * published JWKS and cache until it expires. Keys come from configuration (Key Vault in Azure,
 * generated into .local/ for the local stack) as a JWK Set of private keys: the first key signs,
 * every key is published, so a rotated-out key keeps verifying old answers until it is removed.
 */
import { type JWK, SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';

import { ConfigError } from '../errors';

export const ISSUER = 'helpdesk-mail';
// One hour: long enough that an installation checks rarely, short enough that a suspension or
// renewal reaches every installation the same day.
export const TOKEN_TTL_SECONDS = 3600;

export interface LicenceClaims {
  domain: string;
  site: string;
  status: string;
  /** Plan and expiry only in answers to an installation that proved its tenant (check.ts). */
  plan?: string;
  expiresAt?: string;
}

export interface LicenceSigner {
  sign(claims: LicenceClaims, now: Date): Promise<string>;
  /** The public keys, as published at /api/license/keys. */
  jwks(): { keys: JWK[] };
}

const PUBLIC_FIELDS = ['kty', 'crv', 'x', 'kid', 'alg', 'use'] as const;

function publicPart(jwk: JWK): JWK {
  const out: Record<string, unknown> = {};
  for (const field of PUBLIC_FIELDS) if (jwk[field] !== undefined) out[field] = jwk[field];
  return out as unknown as JWK;
}

export async function generateSigningKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA', use: 'sig' };
}

/** Reads LICENSE_SIGNING_KEYS (a JWK Set of Ed25519 private keys, signing key first). */
export async function createSigner(setting: string | undefined): Promise<LicenceSigner> {
  const key = 'LICENSE_SIGNING_KEYS';
  if (!setting?.trim()) throw new ConfigError(key, 'is required but not set');
  let keys: JWK[];
  try {
    keys = (JSON.parse(setting) as { keys: JWK[] }).keys;
  } catch {
    throw new ConfigError(key, 'is not a JWK Set (JSON)');
  }
  if (!Array.isArray(keys) || keys.length === 0) throw new ConfigError(key, 'holds no keys');
  for (const jwk of keys) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.kid) {
      throw new ConfigError(key, 'every key must be an Ed25519 private JWK with a kid');
    }
  }
  const current = keys[0] as JWK & { kid: string };
  const privateKey = await importJWK(current, 'EdDSA');
  const published = { keys: keys.map((k) => ({ ...publicPart(k), alg: 'EdDSA', use: 'sig' })) };
  return {
    jwks: () => published,
    sign: (claims, now) => {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'EdDSA', kid: current.kid, typ: 'JWT' })
        .setIssuer(ISSUER)
        .setSubject(claims.site)
        .setIssuedAt(iat)
        .setExpirationTime(iat + TOKEN_TTL_SECONDS)
        .sign(privateKey);
    },
  };
}
