/**
 * Runs the stages. The runner, not each stage, owns time limits, exception capture and the trace
 * of every stage's decision, so any mail's path can be explained afterwards from the log.
 *
 * A stage runs under a signal that fires at the earlier of its own time limit and the mail's
 * deadline (lib/deadline.ts): the Graph and storage calls it awaits read that signal and stop, so
 * the work of a stage that ran out of time is cancelled, not left running behind the next one.
 */
import { MAIL_DEADLINE_MS, abortedError, withSignal } from '../deadline';
import { type ErrorCode, errorCode, isPermanent } from '../errors';
import type { PipelineDeps, Stage, Verdict } from './stage';

export interface TraceEntry {
  stage: string;
  verdict: Verdict['kind'];
  ms: number;
  code?: string;
}

export interface PipelineResult {
  outcome: string;
  /** Set when the mail must be retried or poisoned. */
  failure?: { kind: 'retry' | 'reject'; code: ErrorCode; stage: string };
  trace: TraceEntry[];
}

/** Thrown by `Run.step` to end the mail early; runPipeline turns it back into the result. */
class Ended {
  constructor(readonly result: PipelineResult) {}
}

/** Settles with `work`, or rejects as soon as `signal` fires (a stage that ignores it). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal.reason));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

type Failure = Extract<Verdict, { code: ErrorCode }>;

/** PermanentError (a PipelineBug among them) rejects at once; anything else is worth a retry. */
const failed = (err: unknown): Failure => ({
  kind: isPermanent(err) ? 'reject' : 'retry',
  code: errorCode(err),
});

const failure = (f: Failure, stage: string, trace: TraceEntry[]): PipelineResult => ({
  outcome: f.kind === 'retry' ? 'retry' : 'rejected',
  failure: { kind: f.kind, code: f.code, stage },
  trace,
});

/** One mail's run: each stage timed, traced and bounded. */
export class Run {
  readonly trace: TraceEntry[] = [];

  constructor(
    private readonly deps: PipelineDeps,
    private readonly deadline: AbortSignal,
    private readonly clock: () => number,
  ) {}

  /** Runs `stage`; its value when the mail goes on, else the run ends with its verdict. */
  async step<In, Out>(stage: Stage<In, Out>, input: In): Promise<Out> {
    const verdict = await this.timed(stage, input);
    if (verdict.kind === 'continue') return verdict.value;
    if (verdict.kind === 'stop') throw new Ended({ outcome: verdict.outcome, trace: this.trace });
    throw new Ended(failure(verdict, stage.name, this.trace));
  }

  /**
   * For stages after the ticket is written: a failure is traced and the mail still counts as
   * done, because retrying would not un-write the ticket.
   */
  async failOpen<In>(stage: Stage<In>, input: In): Promise<void> {
    await this.timed(stage, input);
  }

  /** A stage with nothing to do on this mail's route: traced, so every trace names each stage. */
  skip(stage: { name: string }): void {
    this.trace.push({ stage: stage.name, verdict: 'continue', ms: 0 });
  }

  private async timed<In, Out>(stage: Stage<In, Out>, input: In): Promise<Verdict<Out>> {
    const started = this.clock();
    const verdict = await this.bounded(stage, input);
    const entry: TraceEntry = {
      stage: stage.name,
      verdict: verdict.kind,
      ms: Math.round(this.clock() - started),
    };
    if (verdict.code !== undefined) entry.code = verdict.code;
    this.trace.push(entry);
    return verdict;
  }

  private async bounded<In, Out>(stage: Stage<In, Out>, input: In): Promise<Verdict<Out>> {
    const signal = AbortSignal.any([this.deadline, AbortSignal.timeout(stage.timeoutMs)]);
    try {
      return await untilAborted(
        withSignal(signal, () => stage.run(input, this.deps)),
        signal,
      );
    } catch (err) {
      return failed(err);
    }
  }
}

export interface RunOptions {
  clock?: () => number;
  /** The mail's deadline; by default MAIL_DEADLINE_MS from now. */
  deadline?: AbortSignal;
}

/** Runs `flow` (stages in order, its outcome returned at the end) and collects the trace. */
export async function runPipeline(
  deps: PipelineDeps,
  flow: (run: Run) => Promise<string>,
  options: RunOptions = {},
): Promise<PipelineResult> {
  const deadline = options.deadline ?? AbortSignal.timeout(MAIL_DEADLINE_MS);
  const run = new Run(deps, deadline, options.clock ?? (() => performance.now()));
  try {
    return { outcome: await flow(run), trace: run.trace };
  } catch (err) {
    if (err instanceof Ended) return err.result;
    // Thrown between stages, where only the pipeline's own code runs.
    const f = failed(err);
    run.trace.push({ stage: 'pipeline', verdict: f.kind, ms: 0, code: f.code });
    return failure(f, 'pipeline', run.trace);
  }
}
