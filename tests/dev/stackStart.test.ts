/**
 * `npm start` (dev/start.ts) as a developer runs it: a bad setting stops it before anything
 * starts; a started stack stops completely on SIGTERM, and also when whatever launched it dies
 * (npm's shell does not pass SIGTERM on). Runs on ports of its own with its state in a temp dir,
 * so it neither collides with nor touches a developer's running stack.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';

import { CosmosClient } from '@azure/cosmos';

import { REPO_ROOT, readSettingsFile } from '../../dev/settings';
import { CERT_FILE, START_TEST_PORTS } from '../support/stack';
import { alive, descendants, offset, run, startArgs, until } from './startKit';

it('when DATA_REGION is not in the EU, then npm start exits 1 at once with one line naming it', async () => {
  const started = Date.now();
  const start = run(process.execPath, startArgs, { DATA_REGION: 'eastus' });
  expect(await start.exited).toBe(1);
  expect(start.output().trim()).toBe("start: DATA_REGION: 'eastus' is not an EU Azure region");
  // The one line shows nothing was started; the time shows it did not wait for anything either.
  // Measured 5-7 s on a busy 2-core machine (loading the TypeScript), so 15 s was too close.
  expect(Date.now() - started).toBeLessThan(45_000);
}, 90_000);

it('when the stack is up and gets SIGTERM, then it exits 0 and no process of it is left', async () => {
  const start = run(process.execPath, startArgs);
  await until('the ready line', () => /start: ready/.test(start.output()), 90_000);
  const pid = start.child.pid as number;
  const children = descendants(pid);
  expect(children.length).toBeGreaterThanOrEqual(4); // azurite, cosmos, graph-sim, host
  process.kill(pid, 'SIGTERM');
  expect(await start.exited).toBe(0);
  // A killed process lingers until init reaps it, so allow a moment.
  await until('every process of the stack to end', () => !children.some(alive), 10_000);
}, 120_000);

it('when the process that launched it dies, then the stack stops itself', async () => {
  // npm start is `sh -c "tsx dev/start.ts"`; the shell dies on SIGTERM without passing it on.
  const quoted = startArgs.map((a) => `'${a}'`).join(' ');
  const shell = run('sh', ['-c', `'${process.execPath}' ${quoted}; exit $?`]);
  await until('the ready line', () => /start: ready/.test(shell.output()), 90_000);
  const everything = descendants(shell.child.pid as number);
  process.kill(shell.child.pid as number, 'SIGKILL');
  await until('every process of the stack to end', () => !everything.some(alive), 30_000);
}, 120_000);

it('when the stack is stopped and started again, then what Cosmos held is still there', async () => {
  const settings = readSettingsFile(join(REPO_ROOT, 'local.settings.example.json'));
  const cosmos = () =>
    new CosmosClient({
      endpoint: `https://localhost:${START_TEST_PORTS.COSMOS_PORT + offset}`,
      key: settings.COSMOS_KEY,
      agent: new Agent({ ca: readFileSync(CERT_FILE) }),
      connectionPolicy: { enableEndpointDiscovery: false },
    })
      .database(settings.COSMOS_DATABASE ?? '')
      .container('tenants');
  const marker = { id: 'kept.sharepoint.com', domain: 'kept.sharepoint.com', plan: 'x' };

  const first = run(process.execPath, startArgs);
  await until('the ready line', () => /start: ready/.test(first.output()), 90_000);
  await cosmos().items.upsert(marker);
  process.kill(first.child.pid as number, 'SIGTERM');
  expect(await first.exited).toBe(0);

  const second = run(process.execPath, startArgs);
  await until('the ready line', () => /start: ready/.test(second.output()), 90_000);
  const { resource } = await cosmos().item(marker.id, marker.domain).read<typeof marker>();
  process.kill(second.child.pid as number, 'SIGTERM');
  expect(await second.exited).toBe(0);
  expect(resource).toMatchObject(marker);
}, 200_000);
