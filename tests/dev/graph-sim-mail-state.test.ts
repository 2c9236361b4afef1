/**
 * Graph simulator, mailboxes across a restart: the state file keeps mailboxes, folders, messages
 * with their MIME (in the blob directory) and delta tokens, as it keeps sites.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IMMUTABLE, type MailSim, SUPPORT, mime, startMailSim } from './graph-sim-mail-kit';

let m: MailSim;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'graph-sim-mail-'));
});

afterEach(async () => {
  await m.t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The link's path and query below /v1.0: the restarted simulator listens on another port. */
const relative = (link: string): string => {
  const url = new URL(link);
  return `${url.pathname.slice('/v1.0'.length)}${url.search}`;
};

describe('mailboxes in the state file', () => {
  it('when the simulator restarts, then the mailbox, its folders, its mail and a deltaLink are still there', async () => {
    const stateFile = join(dir, 'state.json');
    m = await startMailSim(stateFile);
    const raw = mime('Survives');
    const id = await m.deliver(raw);
    await m.g('POST', `/users/${SUPPORT}/mailFolders/msgfolderroot/childFolders`, {
      body: { displayName: 'Helpdesk' },
    });
    const first = await m.g('GET', `/users/${SUPPORT}/mailFolders/inbox/messages/delta`);
    const deltaLink = (first.body as { '@odata.deltaLink': string })['@odata.deltaLink'];
    const userId = m.userId;
    await m.t.close();

    m = await startMailSim(stateFile);
    expect(m.userId).toBe(userId);
    const value = await m.g('GET', `/users/${SUPPORT}/messages/${id}/$value`);
    expect(value.body).toBe(raw);
    expect(await m.adminMessages()).toEqual([expect.objectContaining({ id, folder: 'Inbox' })]);
    const root = await m.g('GET', `/users/${SUPPORT}/mailFolders?$top=50`);
    expect(JSON.stringify(root.body)).toContain('"displayName":"Helpdesk"');
    const next = await m.g('GET', relative(deltaLink), {
      headers: IMMUTABLE,
    });
    expect(next.status).toBe(200);
  });
});
