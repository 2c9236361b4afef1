/**
 * The host's admin API (`POST /admin/functions/{name}`): a timer runs on request, with the key,
 * without waiting for its schedule; the schedule itself is left alone.
 */
import type { Timer } from '@azure/functions';

import { type RunningHost, parseHostJson, silentLogger, startFunctionsHost } from '../../dev/host';
import { testSettings } from '../support/stack';

const KEY = testSettings().LOCAL_FUNCTION_KEY ?? '';
const runs: Timer[] = [];
let host: RunningHost;

beforeAll(async () => {
  host = await startFunctionsHost({
    definitions: [
      {
        name: 'yearly',
        trigger: 'timer',
        options: { schedule: '0 0 0 1 1 *', handler: (t: Timer) => void runs.push(t) },
      },
    ],
    config: parseHostJson({}),
    settings: testSettings(),
    port: 0,
    logger: silentLogger,
  });
});

afterAll(() => host.stop());

const run = (name: string, key?: string) =>
  fetch(`${host.url}/admin/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-functions-key': key } : {}) },
    body: JSON.stringify({ input: '' }),
  });

it('when a timer is run with the key, then it answers 202 and the timer runs now, not past due', async () => {
  expect((await run('yearly', KEY)).status).toBe(202);
  for (let i = 0; i < 40 && runs.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
  expect(runs).toHaveLength(1);
  expect(runs[0]?.isPastDue).toBe(false);
});

it('when the key is missing or the function unknown, then nothing runs (401, 404)', async () => {
  const before = runs.length;
  expect((await run('yearly')).status).toBe(401);
  expect((await run('yearly', 'wrong')).status).toBe(401);
  expect((await run('nothing', KEY)).status).toBe(404);
  expect(runs).toHaveLength(before);
});
