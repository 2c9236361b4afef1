import { PermanentError } from '../../../lib/errors';
import { listFiles, readFile } from '../../../lib/sharepoint/libraryFiles';
import { FakeGraph, sdkError } from './fakeGraph';
import { toHelpdeskError } from '../../../lib/sharepoint/errors';

const FOLDER = '/drives/d1/root:/12/40';

it('when a folder has files and a subfolder over two pages, then the files of both pages come back, the subfolder not', async () => {
  const graph = new FakeGraph()
    .answer({
      value: [
        { id: 'a', name: 'a.pdf', size: 10, webUrl: 'https://x/a.pdf', file: {} },
        { id: 'f', name: 'inner', size: 99, folder: {} },
      ],
      '@odata.nextLink': 'https://graph/next',
    })
    .answer({ value: [{ id: 'b', name: 'b.png', file: {} }] });
  expect(await listFiles(graph, FOLDER)).toEqual([
    { id: 'a', name: 'a.pdf', size: 10, webUrl: 'https://x/a.pdf' },
    { id: 'b', name: 'b.png', size: 0 },
  ]);
  expect(graph.calls.map((c) => [c.path, c.call.query])).toEqual([
    [`${FOLDER}:/children`, { $select: 'id,name,size,webUrl,file', $top: '200' }],
    ['https://graph/next', undefined],
  ]);
});

it('when the folder does not exist, then there are no files; another failure stands', async () => {
  const notFound = () => {
    throw toHelpdeskError('list folder files', sdkError(404, 'itemNotFound'));
  };
  expect(await listFiles(new FakeGraph().answer(notFound), FOLDER)).toEqual([]);
  const denied = () => {
    throw toHelpdeskError('list folder files', sdkError(403, 'accessDenied'));
  };
  await expect(listFiles(new FakeGraph().answer(denied), FOLDER)).rejects.toBeInstanceOf(
    PermanentError,
  );
});

it('when a file is read, then its content is asked for by id with the limit; past the limit it is refused for good', async () => {
  const bytes = Buffer.from('hello');
  const graph = new FakeGraph().answer(() => bytes).answer(() => 'too-large');
  expect(await readFile(graph, 'd1', 'id/1', 100)).toBe(bytes);
  expect(graph.calls[0]).toMatchObject({
    method: 'DOWNLOAD',
    path: '/drives/d1/items/id%2F1/content',
    body: { maxBytes: 100 },
  });
  await expect(readFile(graph, 'd1', 'id', 3)).rejects.toMatchObject({ code: 'file-too-large' });
});
