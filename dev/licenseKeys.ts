/**
 * The local stack's licence signing keys: generated once into .local/ (in Azure they come from
 * Key Vault as the LICENSE_SIGNING_KEYS app setting). Returns the setting's value.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { generateSigningKey } from '../lib/licensing/signing';

export const DEFAULT_KEYS_FILE = resolve(__dirname, '..', '.local', 'license-keys.json');

export async function ensureLicenseKeys(file = DEFAULT_KEYS_FILE): Promise<string> {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const kid = `local-${new Date().toISOString().slice(0, 10)}`;
    writeFileSync(file, JSON.stringify({ keys: [await generateSigningKey(kid)] }), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
