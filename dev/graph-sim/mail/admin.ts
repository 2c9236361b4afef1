/**
 * The admin API's mailbox part (local only, like the rest of /_admin): create a mailbox in a
 * registered tenant, grant or withdraw the app's RBAC scope on it, deliver raw MIME into its
 * Inbox, list every message with its folder path and categories (what a test asserts on),
 * forget its delta tokens, list and clear what was sent outside (sendOutbox.ts), and set the
 * service time that makes the concurrency limit reachable.
 */
import { GraphError, badRequest } from '../errors';
import { type SimRequest, type SimResponse, json, jsonBody, noContent } from '../http';
import type { Store } from '../state';
import { deliver } from './deliver';
import { findByAddress, folderPath, newMailbox } from './mailboxes';
import { handleSentAdmin } from './sendOutbox';

/** An address as Exchange accepts one for a mailbox; kept lower-case. */
const ADDRESS = /^[^\s@/]{1,64}@[a-z0-9.-]{1,253}$/i;

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest('The mailbox address is not valid.');
  }
}

const unknownMailbox = (address: string): GraphError =>
  new GraphError(404, 'itemNotFound', `No mailbox ${address}.`);

function createMailbox(req: SimRequest, store: Store, tenantId: string, raw: string): SimResponse {
  const address = raw.toLowerCase();
  if (!ADDRESS.test(address)) throw badRequest('The mailbox address is not an address.');
  const tenant = store.state.tenants.find((t) => t.id === tenantId.toLowerCase());
  if (!tenant) throw new GraphError(404, 'itemNotFound', `Tenant ${tenantId} is not registered.`);
  const body = req.body.length ? jsonBody(req) : {};
  if (body.displayName !== undefined && typeof body.displayName !== 'string')
    throw badRequest('displayName must be a string.');
  const owner = findByAddress(store.state.tenants, address);
  if (owner && owner.tenant !== tenant)
    throw new GraphError(
      409,
      'conflict',
      `Mailbox ${address} belongs to tenant ${owner.tenant.id}.`,
    );
  let box = owner?.box;
  if (!box) {
    box = newMailbox(address, (body.displayName as string | undefined) ?? address);
    (tenant.mailboxes ??= []).push(box);
  } else if (typeof body.displayName === 'string') box.displayName = body.displayName;
  store.changed();
  const { userId, displayName, granted } = box;
  return json(200, { userId, address, displayName, granted });
}

/** `?role=send` grants or withdraws Mail.Send; no role (or `readWrite`) Mail.ReadWrite. */
function setGrant(req: SimRequest, store: Store, tenantId: string, address: string): SimResponse {
  const found = findByAddress(store.state.tenants, address);
  if (!found || found.tenant.id !== tenantId.toLowerCase()) throw unknownMailbox(address);
  const role = req.query.get('role') ?? 'readWrite';
  if (role !== 'readWrite' && role !== 'send') throw badRequest('role must be readWrite or send.');
  const granted = req.method === 'PUT';
  if (role === 'send') found.box.sendGranted = granted;
  else found.box.granted = granted;
  store.changed();
  return noContent();
}

function mailboxAdmin(req: SimRequest, store: Store, address: string, action: string): SimResponse {
  const found = findByAddress(store.state.tenants, address);
  if (!found) throw unknownMailbox(address);
  const { tenant, box } = found;
  switch (`${req.method} ${action}`) {
    case 'POST deliver':
      return json(201, { id: deliver(store, tenant.id, box, req.body).id });
    case 'GET messages':
      return json(200, {
        value: box.messages.map((m) => ({
          id: m.id,
          restId: m.restId,
          folder: folderPath(box, m.folderId),
          categories: m.categories,
          isRead: m.isRead,
          internetMessageId: m.internetMessageId,
          subject: m.subject,
          receivedDateTime: m.receivedDateTime,
          size: m.size,
        })),
      });
    case 'POST delta/reset':
      box.deltaEpoch++;
      store.changed();
      return noContent();
    default:
      throw new GraphError(404, 'itemNotFound', `No admin endpoint ${req.method} ${req.path}.`);
  }
}

/** The mailbox endpoints, or undefined for a path that is none of them. */
export function handleMailAdmin(
  req: SimRequest,
  store: Store,
  route: string,
): SimResponse | undefined {
  const create = /^PUT \/_admin\/tenants\/([^/]+)\/mailboxes\/([^/]+)$/.exec(route);
  if (create) return createMailbox(req, store, create[1] ?? '', decoded(create[2] ?? ''));
  const grant = /^(PUT|DELETE) \/_admin\/tenants\/([^/]+)\/mailboxes\/([^/]+)\/grant$/.exec(route);
  if (grant) return setGrant(req, store, grant[2] ?? '', decoded(grant[3] ?? ''));
  if (route === 'PUT /_admin/mail/latency') {
    const ms = jsonBody(req).ms;
    if (typeof ms !== 'number' || !(ms >= 0 && ms <= 60_000))
      throw badRequest('ms must be from 0 to 60000.');
    store.mailboxGate.latencyMs = ms;
    return json(200, { ms });
  }
  const sent = handleSentAdmin(store, route);
  if (sent) return sent;
  const box = /^[A-Z]+ \/_admin\/mailboxes\/([^/]+)\/(deliver|messages|delta\/reset)$/.exec(route);
  if (box) return mailboxAdmin(req, store, decoded(box[1] ?? ''), box[2] ?? '');
  return undefined;
}
