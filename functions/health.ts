import type { HttpResponseInit } from '@azure/functions';

import { loadConfig } from '../lib/config';
import { getDeps } from '../lib/deps';
import { errorCode } from '../lib/errors';
import { health } from '../lib/health';
import type { FunctionDefinition } from './definition';

/** GET /api/health: 200 when configuration, storage and Cosmos are usable, else 503. */
export async function healthHandler(): Promise<HttpResponseInit> {
  try {
    loadConfig();
  } catch (err) {
    return {
      status: 503,
      jsonBody: { status: 'unhealthy', checks: { configuration: errorCode(err) } },
    };
  }
  const report = await health(getDeps());
  return {
    status: report.ok ? 200 : 503,
    jsonBody: { status: report.ok ? 'ok' : 'unhealthy', checks: report.checks },
  };
}

export const healthFunction: FunctionDefinition = {
  name: 'health',
  trigger: 'http',
  options: { methods: ['GET'], authLevel: 'anonymous', route: 'health', handler: healthHandler },
};
