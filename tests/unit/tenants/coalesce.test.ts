import { Coalescer } from '../../../lib/tenants/coalesce';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('coalescing installation writes', () => {
  it('when many items arrive while a write is in flight, then one following write carries them all', async () => {
    const writes: string[][] = [];
    const gates = [deferred(), deferred()];
    const c = new Coalescer<string>(async (_key, items) => {
      writes.push([...items]);
      await gates[writes.length - 1]?.promise;
    });
    const first = c.add('d', 'a');
    await until(() => writes.length === 1);
    const rest = ['b', 'c', 'd'].map((s) => c.add('d', s));
    gates[0]?.resolve();
    gates[1]?.resolve();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('when a write fails, then only the callers it carried see the failure', async () => {
    const gate = deferred();
    let calls = 0;
    const c = new Coalescer<string>(async () => {
      calls++;
      if (calls === 1) {
        await gate.promise;
        throw new Error('412');
      }
    });
    const failed = c.add('d', 'a');
    await until(() => calls === 1);
    const later = c.add('d', 'b');
    gate.resolve();
    await expect(failed).rejects.toThrow('412');
    await expect(later).resolves.toBeUndefined();
  });

  it('when items arrive before the write has started, then they join it', async () => {
    const writes: string[][] = [];
    const c = new Coalescer<string>(async (_key, items) => void writes.push([...items]));
    await Promise.all(['a', 'b'].map((s) => c.add('d', s)));
    expect(writes).toEqual([['a', 'b']]);
  });

  it('when keys differ, then their writes do not wait for each other', async () => {
    const gate = deferred();
    const c = new Coalescer<string>(async (key) => {
      if (key === 'slow') await gate.promise;
    });
    const slow = c.add('slow', 'a');
    await expect(c.add('fast', 'b')).resolves.toBeUndefined();
    gate.resolve();
    await slow;
  });
});
