/**
 * Runs the stages in order. The runner, not each stage, owns timeouts, exception capture and the
 * trace of every stage's decision, so any mail's path can be explained afterwards from the log.
 */
import { errorCode, isPermanent } from '../errors';
import type { MailContext, PipelineDeps, Stage, Verdict } from './stage';

export interface TraceEntry {
  stage: string;
  verdict: Verdict['kind'];
  ms: number;
  code?: string;
}

export interface PipelineResult {
  outcome: string;
  /** Set when the mail must be retried or poisoned. */
  failure?: { kind: 'retry' | 'reject'; code: string; stage: string };
  trace: TraceEntry[];
}

class StageTimeout extends Error {
  readonly code = 'stage-timeout';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StageTimeout(`over ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function runStage(stage: Stage, ctx: MailContext, deps: PipelineDeps): Promise<Verdict> {
  try {
    return await withTimeout(stage.run(ctx, deps), stage.timeoutMs);
  } catch (err) {
    return isPermanent(err)
      ? { kind: 'reject', code: errorCode(err) }
      : { kind: 'retry', code: errorCode(err) };
  }
}

export async function runPipeline(
  stages: readonly Stage[],
  ctx: MailContext,
  deps: PipelineDeps,
  clock: () => number = () => performance.now(),
): Promise<PipelineResult> {
  const trace: TraceEntry[] = [];
  for (const stage of stages) {
    const started = clock();
    const verdict = await runStage(stage, ctx, deps);
    const entry: TraceEntry = {
      stage: stage.name,
      verdict: verdict.kind,
      ms: Math.round(clock() - started),
    };
    if (verdict.code !== undefined) entry.code = verdict.code;
    trace.push(entry);
    if (verdict.kind === 'stop') return { outcome: verdict.outcome, trace };
    if (verdict.kind === 'retry' || verdict.kind === 'reject') {
      if (stage.afterWrite) continue; // fail open: the ticket exists, the trace keeps the failure
      return {
        outcome: verdict.kind === 'retry' ? 'retry' : 'rejected',
        failure: { ...verdict, stage: stage.name },
        trace,
      };
    }
  }
  // A delivery that lost the race to write the same mail did not create anything: a duplicate.
  const written = ctx.comment ?? ctx.ticket;
  const outcome = written?.existed
    ? 'duplicate'
    : ctx.comment
      ? 'comment-created'
      : ctx.ticket
        ? 'ticket-created'
        : 'done';
  return { outcome, trace };
}
