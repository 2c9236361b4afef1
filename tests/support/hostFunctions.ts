/**
 * Functions for tests that run the host as a process (`startHost({ DEV_HOST_FUNCTIONS:
 * HOST_FUNCTIONS_MODULE, TEST_HOST_QUEUE: ... })`): small, observable over HTTP, and independent
 * of the service's real functions.
 */
import type { InvocationContext } from '@azure/functions';

import type { FunctionDefinition } from '../../functions/definition';

export const HOST_FUNCTIONS_MODULE = 'tests/support/hostFunctions.ts';

interface Seen {
  phase: 'started' | 'done';
  item: unknown;
  dequeueCount: number;
}

const seen: Seen[] = [];
/** `slow` requests that have reached their handler: a test stops the host once one has. */
let slowStarted = 0;

export const definitions: FunctionDefinition[] = [
  {
    name: 'ping',
    trigger: 'http',
    options: {
      methods: ['GET'],
      authLevel: 'anonymous',
      handler: () => ({ jsonBody: { pid: process.pid } }),
    },
  },
  {
    name: 'seen',
    trigger: 'http',
    options: { methods: ['GET'], authLevel: 'anonymous', handler: () => ({ jsonBody: seen }) },
  },
  {
    name: 'slow',
    trigger: 'http',
    options: {
      methods: ['GET'],
      authLevel: 'anonymous',
      handler: async () => {
        slowStarted++;
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return { jsonBody: { done: true } };
      },
    },
  },
  {
    name: 'slowStarted',
    trigger: 'http',
    options: {
      methods: ['GET'],
      authLevel: 'anonymous',
      handler: () => ({ jsonBody: { started: slowStarted } }),
    },
  },
  {
    name: 'work',
    trigger: 'storageQueue',
    options: {
      queueName: process.env.TEST_HOST_QUEUE ?? 'test-host-work',
      connection: 'AzureWebJobsStorage',
      handler: async (item: unknown, context: InvocationContext) => {
        const dequeueCount = Number(context.triggerMetadata?.dequeueCount);
        seen.push({ phase: 'started', item, dequeueCount });
        // The first delivery never finishes: the test kills the host in the middle of it.
        if ((item as { hangOnFirst?: boolean }).hangOnFirst && dequeueCount === 1) {
          await new Promise(() => undefined);
        }
        seen.push({ phase: 'done', item, dequeueCount });
      },
    },
  },
];
