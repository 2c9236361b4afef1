/**
 * The deployed app is the bundle of `npm run bundle`, not the sources the other tests run. This
 * builds it afresh and checks that it is the same app: loaded as Azure's worker loads it, it
 * registers exactly the functions of functions/all.ts, and served by the local host, a mail
 * posted to it becomes a ticket (which loads the lazily imported chunks of inbound, processMail
 * and health). No timing here: `npm run bench:coldstart` measures the load.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { definitions } from '../../functions/all';
import { bundle } from '../../dev/bundle';
import { REPO_ROOT } from '../../dev/settings';
import { mail, newTenant, postMail, ticketsWhen } from '../e2e/support';
import { startHost } from '../support/stack';

// Inside the repository, so the bundle finds @azure/functions in node_modules as it does in Azure.
const OUT_DIR = join(REPO_ROOT, '.local', `bundle-test-${process.pid}`);
const ENTRY = join(OUT_DIR, 'index.mjs');

// Azure's Node worker answers require('@azure/functions-core') with its registration API before
// it imports the app (a Module.prototype.require hook); this does the same and records what the
// real @azure/functions hands over. The worker itself needs the Functions host to run.
// An ES module, so that no global `require` is there for the bundle to lean on (`node -e` CommonJS
// would define one); Azure's worker has none either.
const AS_THE_WORKER_LOADS_IT = `
import Module from 'node:module';
import { pathToFileURL } from 'node:url';
const seen = { functions: [], hooks: [] };
const disposable = { dispose() {} };
const core = {
  setProgrammingModel() {},
  registerFunction(metadata) { seen.functions.push(metadata); return disposable; },
  registerHook(name) { seen.hooks.push(name); return disposable; },
};
const original = Module.prototype.require;
Module.prototype.require = function (id, ...rest) {
  return id === '@azure/functions-core' ? core : original.call(this, id, ...rest);
};
await import(pathToFileURL(process.argv[1]).href);
process.stdout.write(JSON.stringify(seen));`;

interface Binding {
  type: string;
  direction: string;
  route?: string;
  queueName?: string;
  schedule?: string;
}

beforeAll(async () => {
  await bundle(OUT_DIR);
}, 120_000);

afterAll(() => rmSync(OUT_DIR, { recursive: true, force: true }));

it('when the bundle is loaded as the worker loads it, then it registers exactly the functions of functions/all.ts and both hooks', () => {
  const child = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', AS_THE_WORKER_LOADS_IT, ENTRY],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    },
  );
  expect(child.stderr).toBe('');
  const seen = JSON.parse(child.stdout) as {
    functions: Array<{ name: string; bindings: Record<string, Binding> }>;
    hooks: string[];
  };
  const registered = seen.functions.map((f) => {
    const trigger = Object.values(f.bindings).find((b) => b.type.endsWith('Trigger'));
    return [f.name, trigger?.type, trigger?.route ?? trigger?.queueName ?? trigger?.schedule];
  });
  const defined = definitions.map((d) => {
    if (d.trigger === 'http') return [d.name, 'httpTrigger', d.options.route];
    if (d.trigger === 'storageQueue') return [d.name, 'queueTrigger', d.options.queueName];
    return [d.name, 'timerTrigger', d.options.schedule];
  });
  expect(registered).toEqual(defined);
  expect(seen.hooks).toEqual(['appStart', 'appTerminate']);
});

it('when the local host serves the bundle, then it is healthy and a posted mail becomes a ticket', async () => {
  const [host, tenant] = await Promise.all([startHost({ DEV_HOST_FUNCTIONS: ENTRY }), newTenant()]);
  expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
  const support = tenant.supportAddresses[0] ?? '';
  const raw = mail({ to: support, subject: 'Sent to the bundle' });
  expect((await postMail(host.url, raw, support)).status).toBe(202);
  const [ticket] = await ticketsWhen(tenant, 1);
  expect(ticket?.fields).toMatchObject({ Title: 'Sent to the bundle', Mailbox: support });
});
