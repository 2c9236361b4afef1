/**
 * The fuzz loop: draws cases, runs each in a child process (worker.ts) bounded in CPU time and
 * heap, records every crash, hang or heap blow-up as `<dir>/<hash>.eml` beside a JSON of how to
 * make it again, and restarts the child when it died or was stopped.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type FuzzCase, caseSource } from './cases';
import { loadSeeds } from './seeds';
import type { CaseReply, CaseRequest } from './worker';

export interface FuzzOptions {
  seed: number;
  /** Stop after this many cases, or after `seconds`, whichever comes first. */
  cases: number;
  seconds: number;
  /** First case index: with cases = 1, reproduces a single case. */
  from: number;
  /**
   * A case with a step over this much CPU time is a hang. The bound is per step: each step is one
   * call a stage of the pipeline makes on its own (the door's look, the parse, one body), while a
   * case runs some the pipeline never runs together (a ticket body and a comment body).
   */
  cpuBoundMs: number;
  /** The child's V8 heap limit (--max-old-space-size): past it, the case is a heap crash. */
  heapMb: number;
  crashDir: string;
}

export interface FuzzSummary {
  cases: number;
  crashes: number;
  hangs: number;
  /** CPU time of the costliest case (all its steps), and its index. */
  slowestCaseMs: number;
  slowestCase: number;
  /** CPU time of the costliest single step, and which: target/function. */
  slowestStepMs: number;
  slowestStep: string;
  seed: number;
  corpus: boolean;
}

type Outcome = { reply: CaseReply } | { died: string };

// A child that has not answered after this much wall time is stopped: an endless loop never
// reports its CPU time. Far above the CPU bound so that a busy machine does not reach it.
const WALL_FACTOR = 30;

// V8 ends a process past its heap limit with a fatal error: abort(), so SIGABRT or exit code 134.
const oom = (code: number | null, signal: string | null): boolean =>
  code === 134 || signal === 'SIGABRT';

export class Child {
  private proc: ChildProcess | undefined;
  constructor(private readonly heapMb: number) {}

  private start(): Promise<ChildProcess> {
    const proc = fork(join(__dirname, 'worker.ts'), [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${this.heapMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    proc.stderr?.resume();
    return new Promise((resolve, reject) => {
      proc.once('message', () => resolve(proc));
      proc.once('exit', (code) => reject(new Error(`fuzz worker did not start (${code})`)));
    });
  }

  async run(req: CaseRequest, wallMs: number): Promise<Outcome> {
    this.proc ??= await this.start();
    const proc = this.proc;
    return new Promise((resolve) => {
      const done = (o: Outcome): void => {
        clearTimeout(timer);
        proc.off('message', onMessage);
        proc.off('exit', onExit);
        if ('died' in o) this.proc = undefined;
        resolve(o);
      };
      const onMessage = (reply: CaseReply): void => done({ reply });
      const onExit = (code: number | null, signal: string | null): void =>
        done({
          died:
            signal === 'SIGKILL' ? 'hang' : oom(code, signal) ? 'heap' : `exit ${code ?? signal}`,
        });
      const timer = setTimeout(() => proc.kill('SIGKILL'), wallMs);
      proc.on('message', onMessage);
      proc.once('exit', onExit);
      proc.send(req);
    });
  }

  stop(): void {
    this.proc?.kill();
    this.proc = undefined;
  }
}

function save(dir: string, c: FuzzCase, record: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(c.input).digest('hex').slice(0, 16);
  writeFileSync(join(dir, `${hash}.eml`), c.input);
  writeFileSync(join(dir, `${hash}.json`), `${JSON.stringify(record, null, 2)}\n`);
  return join(dir, `${hash}.eml`);
}

export async function fuzz(o: FuzzOptions, log: (line: string) => void): Promise<FuzzSummary> {
  const seeds = loadSeeds();
  if (!seeds.corpus) log('the shared corpus is missing: seeding from samples/ and hostile shapes');
  const source = caseSource(seeds, o.seed);
  const child = new Child(o.heapMb);
  const s: FuzzSummary = {
    ...{ cases: 0, crashes: 0, hangs: 0, slowestCaseMs: 0, slowestCase: -1 },
    ...{ slowestStepMs: 0, slowestStep: '' },
    ...{ seed: o.seed, corpus: seeds.corpus },
  };
  const deadline = Date.now() + o.seconds * 1000;
  try {
    for (let i = o.from; i < o.from + o.cases && Date.now() < deadline; i++) {
      const c = source.at(i);
      const out = await child.run({ target: c.target, input: c.input }, o.cpuBoundMs * WALL_FACTOR);
      s.cases++;
      const steps = 'reply' in out ? out.reply.steps : {};
      const [step, ms] = Object.entries(steps).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
      const total = Object.values(steps).reduce((a, b) => a + b, 0);
      if (total > s.slowestCaseMs) Object.assign(s, { slowestCaseMs: total, slowestCase: i });
      if (ms > s.slowestStepMs)
        Object.assign(s, { slowestStepMs: ms, slowestStep: `${c.target}/${step}` });
      let kind: string | undefined;
      if ('died' in out) kind = out.died;
      else if (!out.reply.ok) kind = 'crash';
      else if (ms > o.cpuBoundMs) kind = 'hang';
      if (!kind) continue;
      if (kind === 'hang') s.hangs++;
      else s.crashes++;
      const error = 'reply' in out && !out.reply.ok ? out.reply : undefined;
      const file = save(o.crashDir, c, {
        ...{ kind, seed: o.seed, case: i, target: c.target, origin: c.origin },
        ...{
          step: error?.step ?? (step || 'unknown'),
          cpuMs: Math.round(total),
          stepMs: Math.round(ms),
        },
        error: error?.error,
      });
      log(`${kind} in case ${i} (${c.target}/${error?.step ?? (step || 'unknown')}): ${file}`);
    }
  } finally {
    child.stop();
  }
  s.slowestCaseMs = Math.round(s.slowestCaseMs);
  s.slowestStepMs = Math.round(s.slowestStepMs);
  return s;
}
