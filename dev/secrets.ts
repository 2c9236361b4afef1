/**
 * The local stack's secrets, generated once into .local/secrets.json: in Azure both are Key Vault
 * references in the app settings. A value set in the environment or local.settings.json wins.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { generateSigningKey } from '../lib/licensing/signing';

export const DEFAULT_SECRETS_FILE = resolve(__dirname, '..', '.local', 'secrets.json');

export interface LocalSecrets {
  LICENSE_SIGNING_KEYS: string;
  LOG_MASTER_KEY: string;
}

export async function ensureLocalSecrets(file = DEFAULT_SECRETS_FILE): Promise<LocalSecrets> {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const kid = `local-${new Date().toISOString().slice(0, 10)}`;
    const secrets: LocalSecrets = {
      LICENSE_SIGNING_KEYS: JSON.stringify({ keys: [await generateSigningKey(kid)] }),
      LOG_MASTER_KEY: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
}

/** Settings with the generated secrets filled in where the settings leave them empty. */
export async function withLocalSecrets(
  settings: Record<string, string>,
  file?: string,
): Promise<Record<string, string>> {
  const secrets = await ensureLocalSecrets(file);
  return {
    ...settings,
    LICENSE_SIGNING_KEYS: settings.LICENSE_SIGNING_KEYS || secrets.LICENSE_SIGNING_KEYS,
    LOG_MASTER_KEY: settings.LOG_MASTER_KEY || secrets.LOG_MASTER_KEY,
  };
}
