/**
 * The local stack's secrets, generated once into .local/secrets.json: in Azure both are Key Vault
 * references in the app settings. A value set in the environment or local.settings.json wins.
 * Synchronous on purpose: every local entry point reads its settings synchronously at start.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const DEFAULT_SECRETS_FILE = resolve(__dirname, '..', '.local', 'secrets.json');

export interface LocalSecrets {
  LICENSE_SIGNING_KEYS: string;
  LOG_MASTER_KEY: string;
}

function newSecrets(): LocalSecrets {
  const { privateKey } = generateKeyPairSync('ed25519');
  const kid = `local-${new Date().toISOString().slice(0, 10)}`;
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' };
  return {
    LICENSE_SIGNING_KEYS: JSON.stringify({ keys: [jwk] }),
    LOG_MASTER_KEY: randomBytes(32).toString('base64'),
  };
}

export function ensureLocalSecrets(file = DEFAULT_SECRETS_FILE): LocalSecrets {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(newSecrets(), null, 2), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
}

/** Settings with the generated secrets filled in where the settings leave them empty. */
export function withLocalSecrets(
  settings: Record<string, string>,
  file?: string,
): Record<string, string> {
  if (settings.LICENSE_SIGNING_KEYS && settings.LOG_MASTER_KEY) return settings;
  const secrets = ensureLocalSecrets(file);
  return {
    ...settings,
    LICENSE_SIGNING_KEYS: settings.LICENSE_SIGNING_KEYS || secrets.LICENSE_SIGNING_KEYS,
    LOG_MASTER_KEY: settings.LOG_MASTER_KEY || secrets.LOG_MASTER_KEY,
  };
}
