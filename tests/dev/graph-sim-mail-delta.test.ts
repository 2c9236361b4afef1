/**
 * Graph simulator, message delta per folder: the first round in pages (`Prefer:
 * odata.maxpagesize`) ending in a deltaLink, a later round with what was created, updated and
 * moved out (`@removed`), `$filter=receivedDateTime ge`, and 410 with a fresh Location once the
 * admin API forgot the mailbox's tokens.
 */
import { IMMUTABLE, type MailSim, SUPPORT, mime, startMailSim } from './graph-sim-mail-kit';

let m: MailSim;

beforeEach(async () => {
  m = await startMailSim();
});

afterEach(() => m.t.close());

interface DeltaPage {
  value: { id: string; subject?: string; '@removed'?: { reason: string } }[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

const DELTA = `/users/${SUPPORT}/mailFolders/inbox/messages/delta`;

/** Follows nextLinks to the deltaLink; returns every entry and the deltaLink (relative to /v1.0). */
async function round(
  first: string,
  headers: Record<string, string> = IMMUTABLE,
): Promise<{ entries: DeltaPage['value']; pages: number; deltaLink: string }> {
  const entries: DeltaPage['value'] = [];
  let path = first;
  for (let pages = 1; pages < 50; pages++) {
    const res = await m.g('GET', path, { headers });
    expect(res.status).toBe(200);
    const page = res.body as DeltaPage;
    entries.push(...page.value);
    const next = page['@odata.nextLink'] ?? page['@odata.deltaLink'] ?? '';
    expect(next.startsWith(`${m.t.url}/v1.0/`)).toBe(true);
    path = next.slice(`${m.t.url}/v1.0`.length);
    if (page['@odata.deltaLink']) return { entries, pages, deltaLink: path };
  }
  throw new Error('no deltaLink after 50 pages');
}

describe('message delta', () => {
  it('when the first round is paged by maxpagesize, then every message comes once and the last page has the deltaLink', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push(await m.deliver(mime(`Mail ${n}`)));
    const first = await round(`${DELTA}?$select=subject,receivedDateTime`, {
      prefer: `odata.maxpagesize=2, ${IMMUTABLE.prefer}`,
    });
    expect(first.pages).toBe(3);
    expect(first.entries.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(Object.keys(first.entries[0] ?? {}).sort()).toEqual([
      '@odata.etag',
      'id',
      'receivedDateTime',
      'subject',
    ]);
    const again = await round(first.deltaLink);
    expect(again.entries).toEqual([]);
  });

  it('when mail arrives, is updated and is moved out after a round, then the next round has it created and removed', async () => {
    const stays = await m.deliver(mime('Stays'));
    const leaves = await m.deliver(mime('Leaves'));
    const { deltaLink } = await round(DELTA);
    const arrives = await m.deliver(mime('Arrives'));
    await m.g('PATCH', `/users/${SUPPORT}/messages/${stays}`, { body: { isRead: true } });
    await m.g('POST', `/users/${SUPPORT}/messages/${leaves}/move`, {
      body: { destinationId: 'archive' },
      headers: IMMUTABLE,
    });
    const next = await round(deltaLink);
    expect(next.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: arrives, subject: 'Arrives' }),
        expect.objectContaining({ id: stays, isRead: true }),
        { id: leaves, '@removed': { reason: 'deleted' } },
      ]),
    );
    expect(next.entries).toHaveLength(3);
  });

  it('when ids are not immutable, then a moved-out message is removed under the id the caller saw', async () => {
    await m.deliver(mime('Default ids'));
    const first = await round(DELTA, {});
    const seen = first.entries[0]?.id ?? '';
    await m.g('POST', `/users/${SUPPORT}/messages/${seen}/move`, {
      body: { destinationId: 'archive' },
    });
    const next = await round(first.deltaLink, {});
    expect(next.entries).toEqual([{ id: seen, '@removed': { reason: 'deleted' } }]);
  });

  it('when the first round filters on receivedDateTime, then only newer mail is listed', async () => {
    await m.deliver(mime('Recent'));
    const future = encodeURIComponent('receivedDateTime ge 2999-01-01T00:00:00Z');
    expect((await round(`${DELTA}?$filter=${future}`)).entries).toEqual([]);
    const past = encodeURIComponent('receivedDateTime ge 2000-01-01T00:00:00Z');
    expect((await round(`${DELTA}?$filter=${past}`)).entries).toHaveLength(1);
  });

  it('when the admin resets the mailbox delta, then the old token is 410 and Location starts a round that works', async () => {
    await m.deliver(mime('Before reset'));
    const { deltaLink } = await round(`${DELTA}?$select=subject`);
    expect((await m.t.admin('POST', `/_admin/mailboxes/${SUPPORT}/delta/reset`)).status).toBe(204);
    const gone = await m.g('GET', deltaLink, { headers: IMMUTABLE });
    expect(gone.status).toBe(410);
    expect((gone.body as { error: { code: string } }).error.code).toBe('syncStateNotFound');
    const location = gone.headers.get('location') ?? '';
    expect(location).toContain('/messages/delta?%24select=subject');
    const fresh = await round(location.slice(`${m.t.url}/v1.0`.length));
    expect(fresh.entries.map((e) => e.subject)).toEqual(['Before reset']);
    const garbage = await m.g('GET', `${DELTA}?$deltatoken=not-a-token`);
    expect(garbage.status).toBe(410);
  });
});
