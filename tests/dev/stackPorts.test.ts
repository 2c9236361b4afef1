/**
 * The stacks' fixed ports and how side-by-side starts fail. A port in Linux's ephemeral range
 * (32768-60999) can be taken at any moment as the local end of an outgoing connection: the soak
 * test, on 49071..., once failed with "port 49072 is already in use", and because its start
 * threw before Azurite and the Cosmos server had started, they were left running and the test
 * process never exited.
 */
import { BENCH_MEMORY_PORT_BASE, SOAK_PORT_BASE, portBlock } from '../../dev/settings';
import { allStarted } from '../../dev/stack/process';
import { SOAK_TEST_PORT_BASE, START_TEST_PORTS, TEST_PORTS } from '../support/stack';

const EPHEMERAL_FROM = 32768;
/** globalSetup's largest automatic offset; the soak and bench offsets are the operator's. */
const LARGEST_OFFSET = 900;

describe('the fixed ports', () => {
  const blocks: Array<[string, number[]]> = [
    ['the test stack', Object.values(TEST_PORTS)],
    ['the test of npm start', Object.values(START_TEST_PORTS)],
    ['the soak test', Object.values(portBlock(SOAK_TEST_PORT_BASE))],
    ['npm run soak', Object.values(portBlock(SOAK_PORT_BASE))],
    ['npm run bench:memory', Object.values(portBlock(BENCH_MEMORY_PORT_BASE))],
  ];

  it.each(blocks)('when %s takes its ports, then none is in the ephemeral range', (_n, ports) => {
    expect(Math.max(...ports) + LARGEST_OFFSET).toBeLessThan(EPHEMERAL_FROM);
  });

  it('when every block is laid out, then no two share a port at the same offset', () => {
    const all = blocks.flatMap(([, ports]) => ports);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('allStarted', () => {
  it('when one start fails while another is still starting, then it throws only after that one has started', async () => {
    let release: (value: string) => void = () => undefined;
    const slow = new Promise<string>((resolve) => (release = resolve));
    const events: string[] = [];
    const all = allStarted([Promise.reject(new Error('port taken')), slow]).catch((err: Error) => {
      events.push(`threw ${err.message}`);
    });
    await new Promise((resolve) => setImmediate(resolve));
    events.push('slow started');
    release('cosmos');
    await all;
    expect(events).toEqual(['slow started', 'threw port taken']);
  });

  it('when every start succeeds, then it gives the components in order', async () => {
    await expect(allStarted([Promise.resolve('a'), Promise.resolve('b')])).resolves.toEqual([
      'a',
      'b',
    ]);
  });
});
