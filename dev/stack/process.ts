/**
 * One component of the local stack as a child process: started in its own process group (so
 * stopping it also ends anything it spawned), its output prefixed with its name, ready when its
 * probe says so. A failure names the component in one line, with its last output lines.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { REPO_ROOT } from '../settings';
import { type Probe, assertPortsFree } from './probe';
import { guardGroup } from './reaper';

export interface ComponentSpec {
  /** Short name used as the output prefix and in messages: azurite, cosmos, graph-sim, host. */
  name: string;
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Ports the component will listen on; checked free before it starts. */
  ports: readonly number[];
  ready: Probe;
  readyTimeoutMs: number;
  /** How long stop() waits after SIGTERM before SIGKILL; 5 s by default. */
  stopGraceMs?: number;
}

/** A process that is run to completion (the seed). */
export interface TaskSpec {
  name: string;
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

export interface RunOptions {
  /** Tests: keep children quiet; their last lines still appear in a failure message. */
  quiet?: boolean;
  /** Aborting (Ctrl-C during start-up) ends the process and fails the start. */
  signal?: AbortSignal;
  /** Sees every line the process writes (stdout and stderr), quiet or not: for leak tests. */
  onLine?: (line: string) => void;
}

export interface Component {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to the group, SIGKILL after `graceMs` (default: the spec's). Idempotent. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the group at once: a crash, for tests. */
  kill(): Promise<void>;
}

const TAIL_LINES = 15;
const POLL_MS = 150;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function relay(child: ChildProcess, name: string, options: RunOptions, tail: string[]): void {
  const quiet = options.quiet ?? false;
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    const toStderr = stream === child.stderr;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      options.onLine?.(line);
      if (!quiet) (toStderr ? process.stderr : process.stdout).write(`[${name}] ${line}\n`);
    });
  }
}

function launch(
  spec: TaskSpec | ComponentSpec,
  options: RunOptions,
): { child: ChildProcess; tail: string[]; exited: Promise<number | string> } {
  const child = spawn(spec.command, spec.args, {
    cwd: REPO_ROOT,
    env: spec.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  relay(child, spec.name, options, tail);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (err) => {
      tail.push(err.message);
      resolve('spawn-failed');
    });
  });
  if (child.pid !== undefined) void exited.then(guardGroup(child.pid));
  return { child, tail, exited };
}

const lastLines = (tail: readonly string[]): string =>
  tail.length ? `: ${tail.slice(-3).join(' | ')}` : '';

/** Runs a task to its end; throws naming it when it fails or overruns `timeoutMs`. */
export async function runTask(spec: TaskSpec, options: RunOptions = {}): Promise<void> {
  const { child, tail, exited } = launch(spec, options);
  const timer = setTimeout(() => {
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
  }, spec.timeoutMs);
  const abort = (): void => {
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGTERM');
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  const code = await exited;
  options.signal?.removeEventListener('abort', abort);
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${spec.name}: failed (${code})${lastLines(tail)}`);
}

export async function startComponent(
  spec: ComponentSpec,
  options: RunOptions = {},
): Promise<Component> {
  await assertPortsFree(spec.name, spec.ports);
  const { child, tail, exited } = launch(spec, options);
  const lastLine = (): string => lastLines(tail);
  const pid = child.pid;
  if (pid === undefined) {
    await exited;
    throw new Error(`${spec.name}: could not be started${lastLine()}`);
  }

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = spec.stopGraceMs ?? 5000): Promise<void> =>
    (stopping ??= (async () => {
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      signalGroup(pid, 'SIGKILL'); // whatever the leader left behind in its group
    })());
  const kill = async (): Promise<void> => {
    signalGroup(pid, 'SIGKILL');
    await exited;
  };

  let ended: number | string | undefined;
  void exited.then((code) => (ended = code));
  const deadline = Date.now() + spec.readyTimeoutMs;
  for (;;) {
    if (ended !== undefined) {
      throw new Error(`${spec.name}: exited (${ended}) before it was ready${lastLine()}`);
    }
    if (options.signal?.aborted) {
      await stop(1000);
      throw new Error(`${spec.name}: start-up cancelled`);
    }
    if (await spec.ready()) break;
    if (Date.now() > deadline) {
      await stop(1000);
      throw new Error(`${spec.name}: not ready after ${spec.readyTimeoutMs / 1000}s${lastLine()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { name: spec.name, pid, exited, stop, kill };
}

/**
 * Like Promise.all for components starting side by side, except that a failure is thrown only
 * once every start has settled. With Promise.all, a port already taken failed the soak's start
 * while Azurite and the Cosmos server were still starting; the clean-up ran before they had
 * started, they were left running, and their pipes kept the test process from ever exiting.
 */
export async function allStarted<T>(starts: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}
