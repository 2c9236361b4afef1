import type { InvocationContext } from '@azure/functions';

import { MAIL_QUEUE } from '../lib/storage/names';
import type { FunctionDefinition } from './definition';
import { lazy } from './lazy';

const load = lazy(() =>
  Promise.all([import('../lib/deps'), import('../lib/pipeline/processMail')]),
);

/** Queue trigger on mail-in: a thrown error makes the host retry, then poison after maxDequeueCount. */
export async function processMailHandler(
  message: unknown,
  context: InvocationContext,
): Promise<void> {
  // The host's time limit counts from here: a cold start's imports use the mail's time too.
  const startedAt = performance.now();
  const dequeueCount = Number(context.triggerMetadata?.dequeueCount ?? 1);
  const [{ getDeps }, { processMail }] = await load();
  await processMail(message, getDeps(), { dequeueCount, startedAt });
}

export const processMailFunction: FunctionDefinition = {
  name: 'processMail',
  trigger: 'storageQueue',
  options: {
    queueName: MAIL_QUEUE,
    connection: 'AzureWebJobsStorage',
    handler: processMailHandler,
  },
};
