import { currentSignal } from '../../../lib/deadline';
import { PermanentError, PipelineBug } from '../../../lib/errors';
import { type Run, runPipeline } from '../../../lib/pipeline/runner';
import type { PipelineDeps, Stage, Verdict } from '../../../lib/pipeline/stage';

const deps = {} as PipelineDeps;
const stage = (name: string, run: () => Promise<Verdict>, extra: Partial<Stage<void>> = {}) => ({
  name,
  timeoutMs: 1000,
  run,
  ...extra,
});
const ok = async (): Promise<Verdict> => ({ kind: 'continue', value: undefined });
/** Runs the stages in order, as the pipeline does; 'done' when all went on. */
const inOrder =
  (...stages: Stage<void>[]) =>
  async (run: Run): Promise<string> => {
    for (const s of stages) await run.step(s, undefined);
    return 'done';
  };

describe('runPipeline', () => {
  it.each([
    {
      desc: 'a thrown PermanentError',
      run: () => Promise.reject(new PermanentError('no-sender', 'x')),
      kind: 'reject',
      code: 'no-sender',
    },
    {
      desc: 'a PipelineBug (a programming error)',
      run: () => Promise.reject(new PipelineBug('x')),
      kind: 'reject',
      code: 'bug',
    },
    {
      desc: 'any other thrown error',
      run: () => Promise.reject(new Error('x')),
      kind: 'retry',
      code: 'Error',
    },
    {
      desc: 'a stage that never answers',
      run: () => new Promise<Verdict>(() => undefined),
      kind: 'retry',
      code: 'stage-timeout',
    },
  ])(
    'when a stage before the write fails with $desc, then the run stops with $kind',
    async ({ run, kind, code }) => {
      const after = jest.fn(ok);
      const result = await runPipeline(
        deps,
        inOrder(stage('a', run, { timeoutMs: 20 }), stage('b', after)),
      );
      expect(result.failure).toEqual({ kind, code, stage: 'a' });
      expect(result.trace.at(-1)).toMatchObject({ stage: 'a', verdict: kind, code });
      expect(after).not.toHaveBeenCalled();
    },
  );

  it('when a stage after the write fails, then the run goes on and the trace keeps the failure', async () => {
    const result = await runPipeline(deps, async (run) => {
      await run.failOpen(
        stage('a', () => Promise.reject(new Error('x'))),
        undefined,
      );
      await run.step(stage('b', ok), undefined);
      return 'done';
    });
    expect(result.failure).toBeUndefined();
    expect(result.trace.map((t) => [t.stage, t.verdict])).toEqual([
      ['a', 'retry'],
      ['b', 'continue'],
    ]);
  });

  it("when a stage stops, then later stages do not run and the outcome is the stage's", async () => {
    const after = jest.fn(ok);
    const result = await runPipeline(
      deps,
      inOrder(
        stage('a', async () => ({ kind: 'stop', outcome: 'duplicate' })),
        stage('b', after),
      ),
    );
    expect(result.outcome).toBe('duplicate');
    expect(after).not.toHaveBeenCalled();
  });

  it('when a stage overruns its time, then the signal its calls see fires, so its work stops too', async () => {
    let seen: AbortSignal | undefined;
    const slow = stage('a', () => {
      seen = currentSignal();
      return new Promise<Verdict>(() => undefined);
    });
    const result = await runPipeline(deps, inOrder({ ...slow, timeoutMs: 20 }));
    expect(result.failure).toMatchObject({ kind: 'retry', code: 'stage-timeout' });
    expect(seen?.aborted).toBe(true);
  });

  it("when the mail's deadline passes, then the running stage is aborted before its own limit", async () => {
    const deadline = new AbortController();
    const started = jest.fn();
    const slow = stage('a', () => {
      started();
      deadline.abort();
      return new Promise<Verdict>(() => undefined);
    });
    const result = await runPipeline(deps, inOrder({ ...slow, timeoutMs: 60_000 }), {
      deadline: deadline.signal,
    });
    expect(started).toHaveBeenCalled();
    expect(result.failure).toEqual({ kind: 'retry', code: 'stage-timeout', stage: 'a' });
  });

  it('when the code between stages throws a PipelineBug, then the mail is rejected as a bug', async () => {
    const result = await runPipeline(deps, async () => {
      throw new PipelineBug('route without a ticket');
    });
    expect(result.failure).toEqual({ kind: 'reject', code: 'bug', stage: 'pipeline' });
  });
});
