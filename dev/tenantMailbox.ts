/**
 * The mailbox side of `npm run tenant` (README, "Mail from a Microsoft 365 mailbox"):
 * `connect-mailbox` and `disconnect-mailbox`, and the mailbox lines of `show`. Each command
 * answers the lines to print; a MailboxAccessError becomes one line naming the permission and
 * then the Exchange commands that grant it, so the operator can hand them on as they are.
 */
import { loadConfig } from '../lib/config';
import { type Deps, buildDeps, buildMailboxDeps } from '../lib/deps';
import {
  type ConnectReport,
  MailboxAccessError,
  connectMailbox,
  disconnectMailbox,
  listMailboxes,
} from '../lib/mailbox';
import type { MailboxRecord } from '../lib/mailbox/record';
import type { TenantRecord } from '../lib/tenants/store';
import { withLocalSecrets } from './secrets';
import { loadLocalSettings } from './settings';

/**
 * The deps of an operator's command, from the local settings (the environment wins). Graph calls
 * the app back at PUBLIC_BASE_URL; unset, that is the local host, as for dev/host/main.ts. Against
 * Azure the operator sets it to the app's https address.
 */
export function operatorDeps(): Deps {
  const settings = withLocalSecrets(loadLocalSettings());
  settings.PUBLIC_BASE_URL ||= `http://localhost:${settings.FUNCTIONS_PORT || 7071}`;
  return buildDeps(loadConfig(settings));
}

/** A failure the CLI reports as these lines and exit code 1. */
export class CommandFailed extends Error {
  constructor(readonly lines: string[]) {
    super(lines[0] ?? 'failed');
  }
}

export function connectLines(report: ConnectReport): string[] {
  const subscription = report.subscriptionId
    ? `${report.subscriptionId}, expires ${report.subscriptionExpiresAt ?? '?'}`
    : 'none';
  return [
    `connected ${report.address} to ${report.tenant}${report.replaced ? ' (its earlier subscription replaced)' : ''}`,
    `  mailbox user id  ${report.userId}`,
    `  folders          ${report.folders.join(', ')}`,
    `  subscription     ${subscription}`,
    `  caught up        ${report.caughtUp} message(s) in the inbox queued for fetching`,
  ];
}

export async function connectCommand(
  deps: Deps,
  tenant: TenantRecord,
  address: string,
): Promise<string[]> {
  try {
    return connectLines(await connectMailbox(buildMailboxDeps(deps), tenant.domain, address));
  } catch (err) {
    if (!(err instanceof MailboxAccessError)) throw err;
    throw new CommandFailed([err.message, ...err.commands.map((line) => `  ${line}`)]);
  }
}

export async function disconnectCommand(
  deps: Deps,
  tenant: TenantRecord,
  address: string,
): Promise<string[]> {
  const removed = await disconnectMailbox(buildMailboxDeps(deps), tenant.domain, address);
  return [
    removed
      ? `disconnected ${address} from ${tenant.domain}`
      : `${address} was not connected to ${tenant.domain}`,
  ];
}

function mailboxLine(record: MailboxRecord): string {
  const expiry = record.subscriptionExpiresAt ?? 'no subscription';
  const sync = record.lastSyncAt ?? 'never';
  return `    ${record.address}  subscription expires ${expiry}, last sync ${sync}`;
}

export async function showLines(deps: Deps, tenant: TenantRecord): Promise<string[]> {
  const mailboxes = await listMailboxes(buildMailboxDeps(deps), tenant.domain);
  const { licence } = tenant;
  return [
    `${tenant.domain}${tenant.alias ? ` (${tenant.alias})` : ''}`,
    `  Entra tenant     ${tenant.entraTenantId}`,
    `  site             ${tenant.siteUrl}`,
    `  support          ${tenant.supportAddresses.join(', ')}`,
    `  licence          ${licence.plan} until ${licence.expiresAt}${licence.suspended ? ', suspended' : ''}`,
    `  mailboxes        ${mailboxes.length ? '' : 'none connected'}`.trimEnd(),
    ...mailboxes.map(mailboxLine),
  ];
}
