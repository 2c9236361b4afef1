import { PermanentError } from '../../../lib/errors';
import { runPipeline } from '../../../lib/pipeline/runner';
import type { MailContext, PipelineDeps, Stage, Verdict } from '../../../lib/pipeline/stage';

const ctx = () => ({ message: {} }) as MailContext;
const deps = {} as PipelineDeps;
const stage = (name: string, run: () => Promise<Verdict>, extra: Partial<Stage> = {}): Stage => ({
  name,
  timeoutMs: 1000,
  run,
  ...extra,
});
const ok = async (): Promise<Verdict> => ({ kind: 'continue' });

describe('runPipeline', () => {
  it.each([
    {
      desc: 'a thrown PermanentError',
      run: () => Promise.reject(new PermanentError('bad', 'x')),
      kind: 'reject',
      code: 'bad',
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
        [stage('a', run, { timeoutMs: 20 }), stage('b', after)],
        ctx(),
        deps,
      );
      expect(result.failure).toEqual({ kind, code, stage: 'a' });
      expect(after).not.toHaveBeenCalled();
    },
  );

  it('when a stage after the write fails, then the run goes on and the trace keeps the failure', async () => {
    const result = await runPipeline(
      [stage('a', () => Promise.reject(new Error('x')), { afterWrite: true }), stage('b', ok)],
      ctx(),
      deps,
    );
    expect(result.failure).toBeUndefined();
    expect(result.trace.map((t) => [t.stage, t.verdict])).toEqual([
      ['a', 'retry'],
      ['b', 'continue'],
    ]);
  });

  it("when a stage stops, then later stages do not run and the outcome is the stage's", async () => {
    const after = jest.fn(ok);
    const result = await runPipeline(
      [stage('a', async () => ({ kind: 'stop', outcome: 'duplicate' })), stage('b', after)],
      ctx(),
      deps,
    );
    expect(result.outcome).toBe('duplicate');
    expect(after).not.toHaveBeenCalled();
  });
});
