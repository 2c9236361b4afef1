/**
 * One self-signed certificate for `localhost`, shared by the Graph simulator and the Cosmos
 * server of the local stack. MSAL refuses non-https authorities and the Cosmos SDK speaks only
 * https, so the local stack needs TLS; every Node process of the stack and of the tests trusts
 * this certificate through NODE_EXTRA_CA_CERTS (read by Node at process start).
 * Usage: `tsx dev/certs.ts [dir]` creates it when missing and prints the certificate's path.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { generate } from 'selfsigned';

export interface LocalCert {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

export const DEFAULT_CERT_DIR = resolve(__dirname, '..', '.local', 'certs');

export async function ensureLocalCert(dir = DEFAULT_CERT_DIR): Promise<LocalCert> {
  const certFile = join(dir, 'localhost.pem');
  const keyFile = join(dir, 'localhost-key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    mkdirSync(dir, { recursive: true });
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000),
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    });
    writeFileSync(keyFile, pems.private, { mode: 0o600 });
    writeFileSync(certFile, pems.cert);
  }
  return {
    certFile,
    keyFile,
    cert: readFileSync(certFile, 'utf8'),
    key: readFileSync(keyFile, 'utf8'),
  };
}

if (require.main === module) {
  ensureLocalCert(process.argv[2] ? resolve(process.argv[2]) : undefined)
    .then((c) => console.log(c.certFile))
    .catch((err: unknown) => {
      console.error(`certs: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
