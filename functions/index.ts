/** Entry point for the Azure Functions Node.js worker (package.json "main" points at its build). */
import { app } from '@azure/functions';

import { getDeps } from '../lib/deps';
import { checkCosmosRegions } from '../lib/regions';
import { definitions } from './all';

for (const d of definitions) {
  if (d.trigger === 'http') app.http(d.name, d.options);
  else if (d.trigger === 'storageQueue') app.storageQueue(d.name, d.options);
  else app.timer(d.name, d.options);
}

// Configuration (DATA_REGION among it) is validated when the deps are built; the Cosmos
// account's own write regions are read once at start. A failure stops the worker from serving.
app.hook.appStart(async () => {
  const deps = getDeps();
  await checkCosmosRegions(deps.config.cosmos.endpoint, () => deps.cosmos.writeRegions());
});

// Buffered log lines are written before the worker goes away.
app.hook.appTerminate(async () => {
  await getDeps().log.close();
});
