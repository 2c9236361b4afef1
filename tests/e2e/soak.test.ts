/**
 * The soak in small (dev/soak): 500 mails of the mix under a seeded 20 % of Graph faults, the
 * small tenant's resource-unit budget, the host killed 3 times, Azurite and Cosmos restarted once,
 * on a stack of its own. Only outcomes are asserted: every fault is seeded and placed at a mail
 * count, so timing decides how long the run takes, never what it ends with.
 */
import { runSoak } from '../../dev/soak/run';
import { SOAK_TEST_PORT_BASE, portOffset } from '../support/stack';

// ~2-3 min on a busy 2-core machine; the bound is far past it, as the waits inside are.
const SOAK_TIMEOUT_MS = 15 * 60_000;

describe('soak', () => {
  it(
    'when 500 mails meet throttling, a small budget, host kills and storage restarts, then each has exactly its expected outcome',
    async () => {
      const figures = await runSoak({
        mails: 500,
        seed: 11,
        hostKills: 3,
        // The small tenant's 1,250 RU per 10 s instead of per minute: the same budget, 6× faster.
        budgetWindowSeconds: 10,
        portBase: SOAK_TEST_PORT_BASE + portOffset(),
        rounds: 10,
        concurrency: 8,
        drainMs: 5 * 60_000,
      });
      expect({
        lost: figures.lost,
        duplicated: figures.duplicated,
        unexpected: figures.unexpected,
        poisoned: figures.poisoned,
        problems: figures.problems,
      }).toEqual({ lost: 0, duplicated: 0, unexpected: 0, poisoned: 0, problems: [] });
      // Only orphans of POSTs cut off between staging and queueing may stay (verdict.ts).
      expect(figures.staged).toBeLessThanOrEqual(figures.interruptedPosts);
      expect(figures.mails).toBe(500);
    },
    SOAK_TIMEOUT_MS,
  );
});
