/**
 * `npm start` run as a developer runs it, for the tests of dev/start.ts: on ports of its own
 * (START_TEST_PORTS plus the offset) with its state in a temp dir, so it neither collides with
 * nor touches a developer's running stack; in a process group of its own, with its output kept.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from '../../dev/settings';
import { CERT_FILE, START_TEST_PORTS, portOffset } from '../support/stack';

export const offset = portOffset();
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

export interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | string>;
}

/** `command` in a process group of its own, as a shell with job control starts `npm start`. */
export function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Run {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: env(extraEnv), detached: true });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => output, exited };
}

export async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every process below `root`, from ps. */
export function descendants(root: number): number[] {
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

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const startArgs = ['--import', 'tsx', join(REPO_ROOT, 'dev', 'start.ts')];
