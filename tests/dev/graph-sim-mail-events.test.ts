/**
 * Graph simulator, mail events (what change notifications are built on): delivery and a move
 * into a folder each emit one `created` naming the tenant, user, folder and immutable id; a
 * listener that throws fails neither.
 */
import type { GraphContext } from '../../dev/graph-sim/context';
import type { SimRequest } from '../../dev/graph-sim/http';
import { deliver } from '../../dev/graph-sim/mail/deliver';
import type { MailCreated } from '../../dev/graph-sim/mail/events';
import { findFolder, newMailbox } from '../../dev/graph-sim/mail/mailboxes';
import { postMove } from '../../dev/graph-sim/mail/messages';
import { Store } from '../../dev/graph-sim/state';
import { TENANT_A, mime } from './graph-sim-mail-kit';

function world() {
  const store = new Store();
  const box = newMailbox('support@contoso.example', 'Support');
  box.granted = true;
  store.state.tenants.push({
    id: TENANT_A,
    hostname: 'contoso.sharepoint.com',
    sites: [],
    mailboxes: [box],
  });
  const seen: MailCreated[] = [];
  store.mail.on('created', (e) => seen.push(e));
  return { store, box, seen };
}

function moveRequest(store: Store, messageId: string, destinationId: string): GraphContext {
  const req: SimRequest = {
    method: 'POST',
    path: `/v1.0/users/support@contoso.example/messages/${messageId}/move`,
    query: new URLSearchParams(),
    headers: { prefer: 'IdType="ImmutableId"' },
    body: Buffer.from(JSON.stringify({ destinationId })),
    baseUrl: 'https://localhost',
    uploadBaseUrl: 'https://127.0.0.1',
    ids: { requestId: 'r', clientRequestId: 'r' },
  };
  return {
    req,
    store,
    claims: { tid: TENANT_A, appid: 'app', roles: [] },
    params: { 'user-id': 'support@contoso.example', 'message-id': messageId },
  };
}

describe('mail events', () => {
  it('when mail is delivered, then one created event names the Inbox and the immutable id', () => {
    const { store, box, seen } = world();
    const message = deliver(store, TENANT_A, box, Buffer.from(mime('Event')));
    expect(seen).toEqual([
      {
        tenantId: TENANT_A,
        userId: box.userId,
        folderId: findFolder(box, 'inbox').id,
        messageId: message.id,
      },
    ]);
  });

  it('when a message is moved, then one created event names the destination', async () => {
    const { store, box, seen } = world();
    const message = deliver(store, TENANT_A, box, Buffer.from(mime('Moved')));
    seen.length = 0;
    const res = await postMove(moveRequest(store, message.id, 'archive'), box);
    expect(res.status).toBe(201);
    expect(seen).toEqual([
      {
        tenantId: TENANT_A,
        userId: box.userId,
        folderId: findFolder(box, 'archive').id,
        messageId: message.id,
      },
    ]);
  });

  it('when a listener throws, then delivery still succeeds and later listeners still hear it', () => {
    const { store, box, seen } = world();
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const stop = store.mail.on('created', () => {
      throw new Error('broken subscriber');
    });
    const late: MailCreated[] = [];
    store.mail.on('created', (e) => late.push(e));
    deliver(store, TENANT_A, box, Buffer.from(mime('Robust')));
    stop();
    deliver(store, TENANT_A, box, Buffer.from(mime('After')));
    expect(seen).toHaveLength(2);
    expect(late).toHaveLength(2);
    expect(quiet).toHaveBeenCalledTimes(1);
    quiet.mockRestore();
  });
});
