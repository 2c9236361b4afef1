/**
 * Graph simulator, file names: it refuses what SharePoint Online refuses, so a name our code lets
 * through is tested against SharePoint's rules, and it takes two names for one the way SharePoint
 * compares them (invariant upper case: `ındex.html` is `INDEX.html`).
 */
import { safeFileName } from '../../lib/sharepoint/fileName';
import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

const TENANT = '00000000-0000-4000-8000-00000000c0de';

let t: TestSimulator;
let driveId: string;

beforeAll(async () => {
  t = await startTestSimulator();
  const [site] = await t.addTenant(TENANT, 'contoso.sharepoint.com', ['/sites/helpdesk']);
  driveId = ((await t.graphFetch(TENANT, 'GET', `/sites/${site}/drive`)).body as { id: string }).id;
});

afterAll(() => t.close());

const put = async (name: string, conflict = 'fail'): Promise<number> => {
  const path = `7/${encodeURIComponent(name)}:/content?@microsoft.graph.conflictBehavior=${conflict}`;
  const res = await t.graphFetch(TENANT, 'PUT', `/drives/${driveId}/root:/${path}`, {
    body: Buffer.from('x'),
    headers: { 'content-type': 'application/octet-stream' },
  });
  return res.status;
};

const REFUSED = [
  '~$report.docx',
  'a_vti_b.txt',
  '_VTI_cnf',
  'notes.',
  ' lead.txt',
  'trail.txt ',
  'CON',
  'lpt0',
  '.lock',
  'desktop.ini',
  'a\u0085b.txt',
  'a|b.txt',
];

describe('graph simulator: names SharePoint refuses', () => {
  it.each(REFUSED)('when a file is named %j, then it is refused with 400', async (name) => {
    expect(await put(name)).toBe(400);
  });

  it.each(REFUSED)('when %j is made safe first, then it is stored', async (name) => {
    expect(await put(safeFileName(name))).toBe(201);
  });

  it('when ındex.html is stored, then INDEX.html is the same name', async () => {
    expect(await put('ındex.html')).toBe(201);
    expect(await put('INDEX.html')).toBe(409);
  });
});
