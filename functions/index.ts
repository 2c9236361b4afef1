/** Entry point for the Azure Functions Node.js worker (package.json "main" points at its build). */
import { app } from '@azure/functions';

import { definitions } from './all';
import { onStart, onStop } from './lifecycle';

for (const d of definitions) {
  if (d.trigger === 'http') app.http(d.name, d.options);
  else if (d.trigger === 'storageQueue') app.storageQueue(d.name, d.options);
  else app.timer(d.name, d.options);
}

app.hook.appStart(onStart);
app.hook.appTerminate(onStop);
