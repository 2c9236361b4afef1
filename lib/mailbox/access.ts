/**
 * Whether the app may read a mailbox. The app holds `Mail.ReadWrite` as an application
 * permission scoped by Exchange RBAC for Applications to the support mailboxes only (never
 * tenant-wide); a mailbox outside that scope answers 403 ErrorAccessDenied. That is a
 * configuration error for an operator, not a failure to retry: MailboxAccessError is permanent,
 * its message one line, and `commands` the Exchange Online PowerShell that grants the access.
 */
import { PermanentError } from '../errors';
import { isGraphCallError } from '../sharepoint/graphCallError';
import type { Exchange } from './exchange';
import { userPath } from './paths';

export class MailboxAccessError extends PermanentError {
  override name = 'MailboxAccessError';

  constructor(
    /** Exchange Online PowerShell lines, in order (they name the address: for the operator only). */
    readonly commands: readonly string[],
  ) {
    super(
      'graph-access-denied',
      'the app may not read this mailbox: grant Mail.ReadWrite scoped to it with Exchange RBAC for Applications',
    );
  }
}

/** The commands that scope Mail.ReadWrite to one mailbox (docs/graph.md "Mail"). */
export function grantCommands(appId: string, address: string): string[] {
  const scope = 'helpdesk-mail support';
  return [
    `New-ServicePrincipal -AppId ${appId} -ObjectId <service principal object id, from Entra "Enterprise applications"> -DisplayName helpdesk-mail`,
    `New-ManagementScope -Name "${scope}" -RecipientRestrictionFilter "PrimarySmtpAddress -eq '${address}'"`,
    `New-ManagementRoleAssignment -App ${appId} -Role "Application Mail.ReadWrite" -CustomResourceScope "${scope}"`,
    `Test-ServicePrincipalAuthorization -Identity ${appId} -Resource ${address}`,
  ];
}

function accessDenied(err: unknown): boolean {
  return isGraphCallError(err) && err.status === 403 && err.graphCode === 'ErrorAccessDenied';
}

/**
 * Checks access by reading the inbox (what Mail.ReadWrite allows), then finds the mailbox
 * owner's object id. Reading a user needs a directory permission the app may well not have;
 * Exchange paths take the address as well, so the address stands in then.
 */
export async function resolveMailbox(
  exchange: Exchange,
  address: string,
  appId: string,
): Promise<string> {
  try {
    await exchange.get(`${userPath(address)}/mailFolders/inbox`, {
      op: 'check mailbox access',
      query: { $select: 'id' },
    });
  } catch (err) {
    if (accessDenied(err)) throw new MailboxAccessError(grantCommands(appId, address));
    throw err;
  }
  try {
    const user = await exchange.get<{ id?: unknown }>(userPath(address), {
      op: 'resolve mailbox user',
      query: { $select: 'id' },
    });
    return typeof user.id === 'string' && user.id ? user.id : address;
  } catch (err) {
    if (isGraphCallError(err) && (err.status === 403 || err.status === 404)) return address;
    throw err;
  }
}
