/**
 * The simulator keeps an idle keep-alive connection open far longer than a client does, as
 * Graph's front ends do. With Node's default of 5 s it closed them first, and a client whose
 * event loop was busy past that moment sent its next POST on a socket the server had just closed:
 * the request failed with no response, at random, in whatever test was running.
 */
import { Agent, request } from 'node:https';
import type { Socket } from 'node:net';

import { type TestSimulator, startTestSimulator } from '../../dev/graph-sim/testing';

let t: TestSimulator;

beforeAll(async () => {
  t = await startTestSimulator();
});

afterAll(() => t.close());

function openIdleSocket(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    // An agent of its own with no idle limit, so only the server can end the connection.
    const agent = new Agent({ keepAlive: true });
    const req = request(`${t.url}/v1.0/$metadata`, { agent });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(req.socket as Socket));
    });
    req.on('error', reject);
    req.end();
  });
}

test('an idle keep-alive connection outlives the 5 s after which Node would have closed it', async () => {
  const socket = await openIdleSocket();
  let closedByServer = false;
  socket.on('end', () => (closedByServer = true));
  await new Promise((resolve) => setTimeout(resolve, 7_000));
  expect(closedByServer).toBe(false);
  expect(socket.destroyed).toBe(false);
  socket.destroy();
}, 20_000);
