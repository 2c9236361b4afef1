/**
 * `npm start` (dev/start.ts) as a developer runs it: a bad setting stops it before anything
 * starts; a started stack stops completely on SIGTERM, and also when whatever launched it dies
 * (npm's shell does not pass SIGTERM on). Runs on ports of its own with its state in a temp dir,
 * so it neither collides with nor touches a developer's running stack.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CosmosClient } from '@azure/cosmos';

import { REPO_ROOT, readSettingsFile } from '../../dev/settings';
import { CERT_FILE, START_TEST_PORTS, portOffset } from '../support/stack';

const offset = portOffset();
const stateDir = mkdtempSync(join(tmpdir(), 'helpdesk-start-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const ports = Object.fromEntries(
    Object.entries(START_TEST_PORTS).map(([k, p]) => [k, String(p + offset)]),
  );
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_EXTRA_CA_CERTS: CERT_FILE,
    DEV_SETTINGS_FILE: 'local.settings.example.json',
    DEV_STATE_DIR: stateDir,
    ...ports,
    ...extra,
  };
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | string>;
}

/** `command` in a process group of its own, as a shell with job control starts `npm start`. */
function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Run {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: env(extraEnv), detached: true });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => output, exited };
}

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every process below `root`, from ps. */
function descendants(root: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift() as number;
    for (const [pid, ppid] of table) {
      if (ppid === parent) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const startArgs = ['--import', 'tsx', join(REPO_ROOT, 'dev', 'start.ts')];

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
