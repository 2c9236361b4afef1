/**
 * Graph simulator, operations: the fault knob (and the SDK's retry honouring Retry-After), request
 * statistics, the admin API, persistence across a restart, hostile input, and main.ts as a process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const REPO = resolve(__dirname, '..', '..');

let t: TestSimulator;
let site: string;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'graph-sim-'));
  t = await startTestSimulator({ stateFile: join(dir, 'state.json') });
  [site = ''] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
});

afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('fault knob and stats', () => {
  it('when the fault rate is 0.5, then every 2nd Graph request is throttled with Retry-After and the SharePoint body', async () => {
    await t.graphFetch(TENANT, 'GET', `/sites/${site}`); // the token is fetched before faults start
    expect(
      (await t.admin('PUT', '/_admin/faults', { rate: 0.5, status: 429, retryAfterSeconds: 0.05 }))
        .status,
    ).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.graphFetch(TENANT, 'GET', `/sites/${site}`);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBe('0.05');
        expect(res.body).toMatchObject({
          error: {
            code: 'activityLimitReached',
            message: 'The request has been throttled',
            innerError: { code: 'throttledRequest' },
          },
        });
      }
    }
    expect(statuses).toEqual([200, 429, 200, 429]);
  });

  it('when faults are on, then the Graph SDK retries after Retry-After and succeeds; the stats count every attempt', async () => {
    const client = t.client(TENANT);
    await client.api(`/sites/${site}`).get();
    await t.admin('POST', '/_admin/stats/reset');
    await t.admin('PUT', '/_admin/faults', { rate: 0.5, status: 503, retryAfterSeconds: 0.05 });
    for (let i = 0; i < 3; i++)
      await expect(client.api(`/sites/${site}/lists`).get()).resolves.toHaveProperty('value');
    const stats = (await t.admin('GET', '/_admin/stats')).body as {
      requests: number;
      byMethodAndRoute: Record<string, number>;
    };
    expect(stats.requests).toBeGreaterThan(3);
    expect(stats.byMethodAndRoute['GET /sites/{site-id}/lists']).toBe(stats.requests);
    await t.admin('PUT', '/_admin/faults', { rate: 0 });
    await t.admin('POST', '/_admin/stats/reset');
    await client.api('/sites/contoso.sharepoint.com:/sites/helpdesk:/lists').get();
    expect((await t.admin('GET', '/_admin/stats')).body).toEqual({
      requests: 1,
      byMethodAndRoute: { 'GET /sites/{hostname}:/{server-relative-path}:/lists': 1 },
    });
  });

  it('when the fault configuration is invalid, then 400 and nothing changes', async () => {
    expect((await t.admin('PUT', '/_admin/faults', { rate: 2 })).status).toBe(400);
    expect((await t.admin('PUT', '/_admin/faults', { rate: 0.5, status: 500 })).status).toBe(400);
    expect((await t.admin('GET', '/_admin/faults')).body).toMatchObject({ rate: 0 });
  });
});

describe('admin API', () => {
  it('when a tenant is registered twice, then the same site ids come back; a hostname of another tenant is refused', async () => {
    expect((await t.admin('GET', '/_admin/health')).status).toBe(200);
    const again = await t.addTenant(TENANT, 'contoso.sharepoint.com', [
      '/sites/helpdesk',
      '/sites/other',
    ]);
    expect(again[0]).toBe(site);
    expect(again[1]).toMatch(/^contoso\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    const clash = await t.admin('PUT', '/_admin/tenants/00000000-0000-4000-8000-0000000000b2', {
      hostname: 'contoso.sharepoint.com',
      sites: [],
    });
    expect(clash.status).toBe(409);
    expect(
      (await t.admin('PUT', '/_admin/tenants/not-a-guid', { hostname: 'x.sharepoint.com' })).status,
    ).toBe(400);
  });

  it('when the simulator is reset, then tenants and their sites are gone', async () => {
    expect((await t.admin('POST', '/_admin/reset')).status).toBe(204);
    expect((await t.admin('GET', '/_admin/tenants')).body).toEqual({ value: [] });
  });
});

describe('persistence', () => {
  it('when the simulator restarts on the same state file, then sites, items, files and tokens survive', async () => {
    const client = t.client(TENANT);
    const list = await client.api(`/sites/${site}/lists`).post({ displayName: 'Tickets' });
    await client.api(`/sites/${site}/lists/${list.id}/items`).post({ fields: { Title: 'first' } });
    const drive = await client.api(`/sites/${site}/drive`).get();
    await t.graphFetch(TENANT, 'PUT', `/drives/${drive.id}/root:/a/b.txt:/content`, {
      body: Buffer.from('kept'),
    });
    await t.close();

    t = await startTestSimulator({ stateFile: join(dir, 'state.json') });
    const token = await t.credential(TENANT).getToken('https://graph.microsoft.com/.default');
    expect(token.token).toBeTruthy();
    const after = t.client(TENANT);
    const second = await after
      .api(`/sites/${site}/lists/Tickets/items`)
      .post({ fields: { Title: 'second' } });
    expect(second.id).toBe('2');
    const file = await t.graphFetch(TENANT, 'GET', `/drives/${drive.id}/root:/a/b.txt:/content`);
    expect(file.body).toBe('kept');
  });
});

describe('hostile input', () => {
  it('when a body is not JSON, is too large, or a path or query is malformed, then an error envelope, never a crash', async () => {
    const lists = `/sites/${site}/lists`;
    const badJson = await t.graphFetch(TENANT, 'POST', lists, {
      body: '{"displayName":',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body).toMatchObject({ error: { code: 'BadRequest' } });
    const huge = await t.graphFetch(TENANT, 'POST', lists, {
      body: { displayName: 'x'.repeat(5 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect((await t.graphFetch(TENANT, 'GET', `/sites/${site}/nothing`)).status).toBe(400);
    expect((await t.graphFetch(TENANT, 'GET', `/sites/${site}/lists/%E0%A4%A`)).status).toBe(400);
    expect(
      (await t.graphFetch(TENANT, 'GET', `${lists}?$filter=displayName eq 'unterminated`)).status,
    ).toBe(400);
    expect((await t.graphFetch(TENANT, 'GET', `${lists}/Documents/items?$top=-1`)).status).toBe(
      400,
    );
    expect(
      (
        await t.graphFetch(TENANT, 'PATCH', `${lists}/Documents/columns/Title`, {
          body: { indexed: 'yes' },
        })
      ).status,
    ).toBe(400);
    expect((await t.admin('GET', '/_admin/health')).status).toBe(200);
  });
});

describe('main.ts', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  const run = (
    env: Record<string, string>,
  ): {
    child: ChildProcess;
    out: Promise<string>;
    err: Promise<string>;
    code: Promise<number | null>;
  } => {
    const base = {
      PATH: process.env.PATH ?? '',
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
    };
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'dev/graph-sim/main.ts'], {
      cwd: REPO,
      env: { ...base, ...env },
    });
    children.push(child);
    const collect = (s: NodeJS.ReadableStream | null): Promise<string> =>
      new Promise((done) => {
        let text = '';
        s?.on('data', (d: Buffer) => (text += d.toString()));
        s?.on('end', () => done(text));
      });
    return {
      child,
      out: collect(child.stdout),
      err: collect(child.stderr),
      code: new Promise((done) => child.on('exit', done)),
    };
  };

  it('when the configuration is bad, then one line on stderr and exit code 1', async () => {
    const p = run({ GRAPH_CLIENT_SECRET: 's' });
    expect(await p.code).toBe(1);
    expect((await p.err).trim()).toBe('graph-sim: GRAPH_CLIENT_ID is required but not set');
  });

  it('when it runs, then it prints one listening line and on SIGTERM saves its state and exits 0', async () => {
    const stateFile = join(dir, 'main.json');
    const p = run({
      GRAPH_CLIENT_ID: 'id',
      GRAPH_CLIENT_SECRET: 's',
      GRAPH_SIM_PORT: '0',
      GRAPH_SIM_STATE: stateFile,
    });
    const url = await new Promise<string>((done) =>
      p.child.stdout?.on('data', (d: Buffer) =>
        done(/https:\/\/[^\s,]+/.exec(d.toString())?.[0] ?? ''),
      ),
    );
    await fetch(`${url}/_admin/tenants/${TENANT}`, {
      method: 'PUT',
      body: JSON.stringify({ hostname: 'contoso.sharepoint.com', sites: ['/sites/hd'] }),
    });
    p.child.kill('SIGTERM');
    expect(await p.code).toBe(0);
    expect((await p.out).trim().split('\n')).toEqual([
      `graph-sim: listening on ${url}, state in ${stateFile}`,
    ]);
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).tenants[0].id).toBe(TENANT);
  });
});
