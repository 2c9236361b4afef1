/**
 * `npm run tenant -- provision <tenant>` (dev/tenant.ts, dev/tenantSite.ts) run as an operator runs
 * it, in a process of its own against the test stack: a complete site is left alone, an older one
 * is upgraded, and what Graph did not set is printed as a warning.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { loadConfig } from '../../lib/config';
import { GraphClients } from '../../lib/sharepoint/graph';
import { readLists, resolveSiteId } from '../../lib/sharepoint/siteSchema';
import { newTenant, settings } from '../e2e/support';
import { resultLines } from '../../dev/tenantSite';

async function tenantCli(...args: string[]): Promise<{ code: number; out: string }> {
  const cli = [require.resolve('tsx/cli'), 'dev/tenant.ts', ...args];
  const env = { ...process.env, ...settings() };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, cli, { env });
    return { code: 0, out: stdout.trim() };
  } catch (err) {
    const failed = err as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, out: (failed.stderr ?? '').trim() };
  }
}

/** Takes the default off the Comments' MailStatus, as a site provisioned before it has none. */
async function dropCommentsDefault(entraTenantId: string, siteUrl: string): Promise<void> {
  const graph = new GraphClients(loadConfig(settings()).graph).forTenant(entraTenantId);
  const siteId = await resolveSiteId(graph, siteUrl);
  const comments = (await readLists(graph, siteId)).find((l) => l.displayName === 'Comments');
  const column = comments?.columns?.find((c) => c.name === 'MailStatus');
  if (!comments || !column) throw new Error('the test site has no Comments.MailStatus');
  await graph.patch(
    `/sites/${siteId}/lists/${comments.id}/columns/${column.id}`,
    { defaultValue: null },
    { op: 'drop default' },
  );
}

it('when the site is complete, then provision changes nothing and says so', async () => {
  const tenant = await newTenant();
  const run = await tenantCli('provision', tenant.domain);
  expect(run).toEqual({
    code: 0,
    out: `${tenant.domain}: created or upgraded nothing (already complete)`,
  });
}, 60_000);

it('when the Comments have lost their default, then provision sets it again and names it', async () => {
  const tenant = await newTenant();
  await dropCommentsDefault(tenant.entraTenantId, tenant.siteUrl);
  const run = await tenantCli('provision', tenant.domain);
  expect(run.code).toBe(0);
  expect(run.out).toMatch(/created or upgraded Comments\.MailStatus \(.*default.*\)$/);
  expect((await tenantCli('provision', tenant.domain)).out).toMatch(/nothing \(already complete\)/);
}, 60_000);

it('when the tenant is unknown, then provision says so in one line and exits 1', async () => {
  expect(await tenantCli('provision', 'nobody-here')).toEqual({
    code: 1,
    out: "tenant: no tenant 'nobody-here'",
  });
}, 60_000);

it('when Graph did not set a default, then each warning is a line of its own after the changes', () => {
  const lines = resultLines('a.example', {
    created: ['Comments.MailStatus (default)'],
    warnings: ["Comments.MailStatus has no default 'To send'"],
  });
  expect(lines).toEqual([
    'a.example: created or upgraded Comments.MailStatus (default)',
    "warning: Comments.MailStatus has no default 'To send'",
  ]);
});
