/**
 * A stage out of time stops its Graph work: the request in flight is cancelled and a retry wait
 * ends. Through the SDK's real fetch and our middleware against a local HTTP server, so nothing
 * about the cancellation is faked; the server tells the test when to abort, so no timing decides.
 */
import { Client, HTTPMessageHandler, type Middleware } from '@microsoft/microsoft-graph-client';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { withSignal } from '../../../lib/deadline';
import { errorCode, isPermanent } from '../../../lib/errors';
import { realRetryDeps } from '../../../lib/retryPolicy';
import { type Graph, graphPort } from '../../../lib/sharepoint/graph';
import { BoundedRetryHandler, DEFAULT_RETRY_POLICY } from '../../../lib/sharepoint/retry';
import { SignalHandler } from '../../../lib/sharepoint/signalHandler';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let handler: Handler = () => undefined;
let graph: Graph;
let onSleep: () => void = () => undefined;

beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sleep = (ms: number, signal?: AbortSignal) => {
    onSleep();
    return realRetryDeps.sleep(ms, signal);
  };
  const middleware: Middleware[] = [
    new SignalHandler(),
    new BoundedRetryHandler(DEFAULT_RETRY_POLICY, { ...realRetryDeps, sleep }),
    new HTTPMessageHandler(),
  ];
  graph = graphPort(Client.initWithMiddleware({ middleware, baseUrl: `http://127.0.0.1:${port}` }));
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Runs a Graph GET under a signal the test aborts from `abortWhen`. */
async function getUnder(abortWhen: (abort: () => void) => void): Promise<unknown> {
  const controller = new AbortController();
  abortWhen(() => controller.abort());
  return withSignal(controller.signal, () => graph.get('/sites/x', { op: 'test' })).then(
    () => 'answered',
    (err: unknown) => err,
  );
}

describe('a Graph call under an aborted stage', () => {
  it('when the stage aborts during the request, then the request is cancelled', async () => {
    let closed!: Promise<void>;
    const err = await getUnder((abort) => {
      handler = (req) => {
        // Never answered: only the client's cancellation ends this request.
        closed = new Promise((resolve) => req.socket.once('close', () => resolve()));
        abort();
      };
    });
    expect(errorCode(err)).toBe('stage-timeout');
    expect(isPermanent(err)).toBe(false);
    await closed; // the connection was dropped by the client, not left open
  });

  it('when the stage aborts during a retry wait, then the wait ends and nothing is resent', async () => {
    let requests = 0;
    handler = (_req, res) => {
      requests++;
      res.writeHead(429, { 'Retry-After': '5', 'Content-Type': 'application/json' });
      res.end('{"error":{"code":"activityLimitReached"}}');
    };
    const started = Date.now();
    const err = await getUnder((abort) => {
      onSleep = abort;
    });
    onSleep = () => undefined;
    expect(errorCode(err)).toBe('stage-timeout');
    expect(requests).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('when the stage has already aborted, then no request is sent', async () => {
    let requests = 0;
    handler = (_req, res) => {
      requests++;
      res.end('{}');
    };
    const err = await getUnder((abort) => abort());
    expect(errorCode(err)).toBe('stage-timeout');
    expect(requests).toBe(0);
  });
});
