/**
 * The fuzzer's child process: runs the cases its parent sends, one at a time, and answers with
 * each step's CPU time or the step that threw. Started with a heap limit, so a blow-up ends this
 * process (and is recorded by the parent) instead of the run.
 */
import type { Target } from './cases';
import { CaseError, runTarget } from './targets';

export interface CaseRequest {
  target: Target;
  input: Uint8Array;
}

export type CaseReply =
  | { ok: true; steps: Record<string, number> }
  | { ok: false; step: string; error: string; steps: Record<string, number> };

process.on('message', (msg: CaseRequest) => {
  const steps: Record<string, number> = {};
  runTarget(msg.target, Buffer.from(msg.input), steps).then(
    () => process.send?.({ ok: true, steps } satisfies CaseReply),
    (err: unknown) => {
      const step = err instanceof CaseError ? err.step : 'case';
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      process.send?.({ ok: false, step, error, steps } satisfies CaseReply);
    },
  );
});
process.send?.('ready');
