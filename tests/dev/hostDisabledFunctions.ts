/**
 * Functions for tests/dev/hostDisabled.test.ts's host process: a timer named as the service's
 * outbox (which the test hosts start disabled), observable over HTTP, and an HTTP function the
 * test disables by setting.
 */
import type { FunctionDefinition } from '../../functions/definition';

let outboxRuns = 0;

export const definitions: FunctionDefinition[] = [
  {
    name: 'outbox',
    trigger: 'timer',
    // Once a year: during the test only the admin API can have run it.
    options: { schedule: '0 0 0 1 1 *', handler: () => void (outboxRuns += 1) },
  },
  {
    name: 'outboxRuns',
    trigger: 'http',
    options: {
      methods: ['GET'],
      authLevel: 'anonymous',
      handler: () => ({ jsonBody: { runs: outboxRuns } }),
    },
  },
  {
    name: 'hello',
    trigger: 'http',
    options: { methods: ['GET'], authLevel: 'anonymous', handler: () => ({ body: 'hello' }) },
  },
];
