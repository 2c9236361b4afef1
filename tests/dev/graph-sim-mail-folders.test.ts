/**
 * Graph simulator, Exchange mailboxes: the user, its folders (well-known names, child folders,
 * a taken name), the app's RBAC scope (403 outside it) and tenant isolation (another tenant's
 * mailbox is an unknown user).
 */
import {
  type MailSim,
  SUPPORT,
  TENANT_A,
  TENANT_B,
  errorOf,
  startMailSim,
} from './graph-sim-mail-kit';

let m: MailSim;

beforeEach(async () => {
  m = await startMailSim();
});

afterEach(() => m.t.close());

interface Folder {
  id: string;
  displayName: string;
  parentFolderId: string;
  childFolderCount: number;
  totalItemCount: number;
  unreadItemCount: number;
}

describe('users and folders', () => {
  it('when a user is read by id or by address in any case, then it is the mailbox', async () => {
    const byAddress = await m.g('GET', `/users/${SUPPORT.toUpperCase()}`);
    const byId = await m.g('GET', `/users/${m.userId}`);
    expect(byAddress.status).toBe(200);
    expect(byAddress.body).toEqual({
      id: m.userId,
      userPrincipalName: SUPPORT,
      mail: SUPPORT,
      displayName: 'Contoso Support',
    });
    expect(byId.body).toEqual(byAddress.body);
  });

  it('when the root folders are listed, then the standard folders are there and inbox is one of them', async () => {
    const res = await m.g('GET', `/users/${SUPPORT}/mailFolders?$top=50`);
    const names = (res.body as { value: Folder[] }).value.map((f) => f.displayName);
    expect(names).toEqual([
      'Inbox',
      'Sent Items',
      'Drafts',
      'Deleted Items',
      'Archive',
      'Junk Email',
    ]);
    const inbox = await m.g('GET', `/users/${SUPPORT}/mailFolders/Inbox`);
    const byId = await m.g('GET', `/users/${m.userId}/mailFolders/${(inbox.body as Folder).id}`);
    expect(byId.body).toEqual(inbox.body);
    expect(inbox.body).toMatchObject({
      displayName: 'Inbox',
      childFolderCount: 0,
      totalItemCount: 0,
    });
  });

  it('when the root folders are listed with a small $top, then an absolute nextLink gives the rest', async () => {
    const first = await m.g('GET', `/users/${SUPPORT}/mailFolders?$top=4`);
    const body = first.body as { value: Folder[]; '@odata.nextLink': string };
    expect(body.value).toHaveLength(4);
    const next = await m.g('GET', body['@odata.nextLink'].slice(`${m.t.url}/v1.0`.length));
    const rest = next.body as { value: Folder[]; '@odata.nextLink'?: string };
    expect(rest.value.map((f) => f.displayName)).toEqual(['Archive', 'Junk Email']);
    expect(rest['@odata.nextLink']).toBeUndefined();
  });

  it('when child folders are created, then they are listed under their parent and a taken name is 409 ErrorFolderExists', async () => {
    const created = await m.g('POST', `/users/${SUPPORT}/mailFolders/msgfolderroot/childFolders`, {
      body: { displayName: 'Helpdesk' },
    });
    expect(created.status).toBe(201);
    const helpdesk = created.body as Folder;
    const processed = await m.g(
      'POST',
      `/users/${SUPPORT}/mailFolders/${helpdesk.id}/childFolders`,
      {
        body: { displayName: 'Processed' },
      },
    );
    expect(processed.status).toBe(201);
    expect((processed.body as Folder).parentFolderId).toBe(helpdesk.id);
    const again = await m.g('POST', `/users/${SUPPORT}/mailFolders/${helpdesk.id}/childFolders`, {
      body: { displayName: 'processed' },
    });
    expect(errorOf(again)).toMatchObject({ status: 409, code: 'ErrorFolderExists' });
    const children = await m.g('GET', `/users/${SUPPORT}/mailFolders/${helpdesk.id}/childFolders`);
    expect((children.body as { value: Folder[] }).value.map((f) => f.displayName)).toEqual([
      'Processed',
    ]);
    const root = await m.g('GET', `/users/${SUPPORT}/mailFolders?$top=50`);
    expect((root.body as { value: Folder[] }).value.map((f) => f.displayName)).toContain(
      'Helpdesk',
    );
  });

  it('when a folder is hidden at creation, then it is listed only with includeHiddenFolders', async () => {
    await m.g('POST', `/users/${SUPPORT}/mailFolders/inbox/childFolders`, {
      body: { displayName: 'Quiet', isHidden: true },
    });
    const plain = await m.g('GET', `/users/${SUPPORT}/mailFolders/inbox/childFolders`);
    const all = await m.g(
      'GET',
      `/users/${SUPPORT}/mailFolders/inbox/childFolders?includeHiddenFolders=true`,
    );
    expect((plain.body as { value: Folder[] }).value).toEqual([]);
    expect((all.body as { value: Folder[] }).value.map((f) => f.displayName)).toEqual(['Quiet']);
  });

  it('when a folder does not exist, then it is 404 ErrorItemNotFound', async () => {
    const res = await m.g('GET', `/users/${SUPPORT}/mailFolders/AAMkAGnope`);
    expect(errorOf(res)).toMatchObject({ status: 404, code: 'ErrorItemNotFound' });
  });
});

describe('RBAC scope and tenants', () => {
  it('when the grant is withdrawn, then every mail route is 403 ErrorAccessDenied and granting again opens it', async () => {
    await m.t.admin('DELETE', `/_admin/tenants/${TENANT_A}/mailboxes/${SUPPORT}/grant`);
    const refused = [
      await m.g('GET', `/users/${SUPPORT}/mailFolders`),
      await m.g('GET', `/users/${SUPPORT}/mailFolders/inbox/messages/delta`),
      await m.g('POST', `/users/${SUPPORT}/mailFolders/inbox/childFolders`, {
        body: { displayName: 'X' },
      }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect((res.body as { error: object }).error).toMatchObject({
        code: 'ErrorAccessDenied',
        message: 'Access to OData is disabled.',
      });
    }
    await m.t.admin('PUT', `/_admin/tenants/${TENANT_A}/mailboxes/${SUPPORT}/grant`);
    expect((await m.g('GET', `/users/${SUPPORT}/mailFolders`)).status).toBe(200);
  });

  it("when tenant B's app addresses tenant A's mailbox, then the user does not exist for it", async () => {
    const asB = (path: string) => m.t.graphFetch(TENANT_B, 'GET', path);
    expect(errorOf(await asB(`/users/${SUPPORT}/mailFolders`))).toMatchObject({
      status: 404,
      code: 'ErrorInvalidUser',
    });
    expect(errorOf(await asB(`/users/${m.userId}/messages/x`))).toMatchObject({
      status: 404,
      code: 'ErrorInvalidUser',
    });
    expect(errorOf(await asB(`/users/${SUPPORT}`))).toMatchObject({
      status: 404,
      code: 'Request_ResourceNotFound',
    });
  });

  it('when a mailbox address is taken by another tenant, then creating it there is 409', async () => {
    const res = await m.t.admin('PUT', `/_admin/tenants/${TENANT_B}/mailboxes/${SUPPORT}`, {});
    expect(res.status).toBe(409);
  });
});
