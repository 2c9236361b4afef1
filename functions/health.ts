import type { HttpResponseInit } from '@azure/functions';

import { loadConfig } from '../lib/config';
import { errorCode } from '../lib/errors';
import type { FunctionDefinition } from './definition';
import { lazy } from './lazy';

const load = lazy(() => Promise.all([import('../lib/deps'), import('../lib/health')]));

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
  const [{ getDeps }, { health }] = await load();
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
