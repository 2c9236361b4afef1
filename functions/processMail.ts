import type { InvocationContext } from '@azure/functions';

import { getDeps } from '../lib/deps';
import { processMail } from '../lib/pipeline/processMail';
import { MAIL_QUEUE } from '../lib/storage/staging';
import type { FunctionDefinition } from './definition';

/** Queue trigger on mail-in: a thrown error makes the host retry, then poison after maxDequeueCount. */
export async function processMailHandler(
  message: unknown,
  context: InvocationContext,
): Promise<void> {
  const dequeueCount = Number(context.triggerMetadata?.dequeueCount ?? 1);
  await processMail(message, getDeps(), { dequeueCount });
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
