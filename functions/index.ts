/**
 * Entry point for the Azure Functions Node.js worker (package.json "main" points at its bundle,
 * `npm run bundle`). It loads only @azure/functions and the definitions: each function loads its
 * use case on its first call (./lazy.ts).
 */
import { app } from '@azure/functions';

import { definitions } from './all';
import { onStart, onStop } from './lifecycle';

// So the local host can serve the bundle itself (DEV_HOST_FUNCTIONS), as tests/dev/bundle.test.ts does.
export { definitions, hooks } from './all';

for (const d of definitions) {
  if (d.trigger === 'http') app.http(d.name, d.options);
  else if (d.trigger === 'storageQueue') app.storageQueue(d.name, d.options);
  else app.timer(d.name, d.options);
}

app.hook.appStart(onStart);
app.hook.appTerminate(onStop);
