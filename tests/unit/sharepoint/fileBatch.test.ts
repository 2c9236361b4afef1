import { TransientError } from '../../../lib/errors';
import { type BatchFile, batchRequests, uploadBatch } from '../../../lib/sharepoint/fileBatch';
import { FakeGraph } from './fakeGraph';

const file = (name: string): BatchFile => ({
  name,
  path: `/drives/b!x/root:/12/${encodeURIComponent(name)}`,
  data: Buffer.from(`bytes of ${name}`),
});
const ok = (id: string, name: string, base64 = false) => {
  const item = { name, webUrl: `https://contoso.sharepoint.com/lib/12/${name}` };
  return {
    id,
    status: 201,
    body: base64 ? Buffer.from(JSON.stringify(item)).toString('base64') : item,
  };
};

describe('uploadBatch', () => {
  it('when files are batched, then each is a PUT of base64 content depending on the one before', () => {
    const requests = batchRequests([file('a.txt'), file('b c.txt')]);
    expect(requests).toEqual([
      {
        id: '1',
        method: 'PUT',
        url: '/drives/b!x/root:/12/a.txt:/content',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: Buffer.from('bytes of a.txt').toString('base64'),
      },
      expect.objectContaining({
        id: '2',
        url: '/drives/b!x/root:/12/b%20c.txt:/content',
        dependsOn: ['1'],
      }),
    ]);
  });

  it('when Graph answers with JSON or base64 bodies, then every file is stored with its URL', async () => {
    const graph = new FakeGraph().answer({
      responses: [ok('2', 'b.txt', true), ok('1', 'a.txt')],
    });
    const result = await uploadBatch(graph, [file('a.txt'), file('b.txt')]);
    expect(result.refused).toEqual([]);
    expect(result.stored.map((s) => s.webUrl)).toEqual([
      'https://contoso.sharepoint.com/lib/12/a.txt',
      'https://contoso.sharepoint.com/lib/12/b.txt',
    ]);
    expect(graph.calls).toHaveLength(1);
    expect(graph.calls[0]?.path).toBe('/$batch');
  });

  it('when one file is throttled, then it and its dependants go again in a second batch', async () => {
    const graph = new FakeGraph()
      .answer({
        responses: [
          ok('1', 'a.txt'),
          { id: '2', status: 429, headers: { 'Retry-After': '0.01' }, body: {} },
          { id: '3', status: 424, body: {} },
        ],
      })
      .answer({ responses: [ok('1', 'b.txt'), ok('2', 'c.txt')] });
    const result = await uploadBatch(graph, [file('a.txt'), file('b.txt'), file('c.txt')]);
    expect(result.stored.map((s) => s.name)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const second = graph.calls[1]?.body as { requests: Array<{ url: string }> };
    expect(second.requests.map((r) => r.url)).toEqual([
      '/drives/b!x/root:/12/b.txt:/content',
      '/drives/b!x/root:/12/c.txt:/content',
    ]);
  });

  it('when SharePoint refuses one file for good, then it is reported and the rest are written', async () => {
    const graph = new FakeGraph()
      .answer({
        responses: [ok('1', 'a.txt'), { id: '2', status: 400, body: {} }, { id: '3', status: 424 }],
      })
      .answer({ responses: [ok('1', 'c.txt')] });
    const result = await uploadBatch(graph, [file('a.txt'), file('b.txt'), file('c.txt')]);
    expect(result).toEqual({
      stored: [
        expect.objectContaining({ name: 'a.txt' }),
        expect.objectContaining({ name: 'c.txt' }),
      ],
      refused: ['graph-http-400'],
    });
  });

  it.each([500, 502, 408, 423])(
    'when a file gets a passing %s, then it goes again instead of being refused for good',
    async (status) => {
      const graph = new FakeGraph()
        .answer({ responses: [ok('1', 'a.txt'), { id: '2', status, body: {} }] })
        .answer({ responses: [ok('1', 'b.txt')] });
      const result = await uploadBatch(graph, [file('a.txt'), file('b.txt')]);
      expect(result.refused).toEqual([]);
      expect(result.stored.map((s) => s.name)).toEqual(['a.txt', 'b.txt']);
    },
  );

  it('when a server error outlasts the budget, then the queue is asked to retry', async () => {
    const failing = { responses: [{ id: '1', status: 502, headers: { 'retry-after': '60' } }] };
    const graph = new FakeGraph().answer(failing);
    await expect(uploadBatch(graph, [file('a.txt')])).rejects.toBeInstanceOf(TransientError);
  });

  it('when throttling outlasts the budget, then the queue is asked to retry', async () => {
    const throttled = { responses: [{ id: '1', status: 429, headers: { 'retry-after': '60' } }] };
    const graph = new FakeGraph().answer(throttled);
    await expect(uploadBatch(graph, [file('a.txt')])).rejects.toBeInstanceOf(TransientError);
  });
});
