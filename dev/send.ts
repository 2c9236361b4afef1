/**
 * Puts a raw mail into the local stack, one of two ways:
 *   npm run send -- <file.eml> [recipient]   posts it to the inbound function, as a relay would
 *                                            (recipient defaults to support@contoso.com);
 *   npm run send -- --mailbox <address> <file.eml>
 *                                            delivers it into the simulated Exchange mailbox, the
 *                                            local stand-in for SMTP delivery: Graph then notifies
 *                                            the mailbox functions, which fetch it.
 */
import { readFileSync } from 'node:fs';

import { loadLocalSettings } from './settings';

const USAGE = 'usage: npm run send -- <file.eml> [recipient] | --mailbox <address> <file.eml>';

interface Target {
  url: string;
  headers: Record<string, string>;
}

function target(args: string[], settings: Record<string, string | undefined>): [Target, string] {
  if (args[0] === '--mailbox') {
    const [, address, file] = args;
    if (!address || !file) throw new Error(USAGE);
    const mailbox = encodeURIComponent(address.toLowerCase());
    const url = `${settings.GRAPH_BASE_URL ?? ''}/_admin/mailboxes/${mailbox}/deliver`;
    return [{ url, headers: {} }, file];
  }
  const [file, recipient = 'support@contoso.com'] = args;
  if (!file) throw new Error(USAGE);
  const url = `http://localhost:${settings.FUNCTIONS_PORT}/api/inbound?recipient=${encodeURIComponent(recipient)}`;
  return [{ url, headers: { 'x-functions-key': settings.LOCAL_FUNCTION_KEY ?? '' } }, file];
}

async function main(): Promise<void> {
  const [to, file] = target(process.argv.slice(2), loadLocalSettings());
  const res = await fetch(to.url, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', ...to.headers },
    body: readFileSync(file),
  });
  console.log(`${res.status} ${await res.text()}`);
  if (!res.ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`send: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
