/**
 * Posts a raw mail to the local stack's inbound function, as a relay would.
 * Usage: npm run send -- <file.eml> [recipient]   (recipient defaults to support@contoso.com)
 */
import { readFileSync } from 'node:fs';

import { loadLocalSettings } from './settings';

async function main(): Promise<void> {
  const [file, recipient = 'support@contoso.com'] = process.argv.slice(2);
  if (!file) throw new Error('usage: npm run send -- <file.eml> [recipient]');
  const settings = loadLocalSettings();
  const url = `http://localhost:${settings.FUNCTIONS_PORT}/api/inbound?recipient=${encodeURIComponent(recipient)}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'message/rfc822',
      'x-functions-key': settings.LOCAL_FUNCTION_KEY ?? '',
    },
    body: readFileSync(file),
  });
  console.log(`${res.status} ${await res.text()}`);
  if (!res.ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`send: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
