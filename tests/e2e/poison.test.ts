/**
 * A mail that can never succeed is not retried five times and not lost: it goes to the poison
 * queue at once, naming the reason, and its staged copy stays for replay.
 */
import { registerSimTenant } from '../../dev/seed';
import { loadConfig } from '../../lib/config';
import { buildDeps } from '../../lib/deps';
import { type MailMessage, POISON_QUEUE } from '../../lib/storage/staging';
import { emptyTestQueue, startHost } from '../support/stack';
import { eventually, mail, postMail, settings } from './support';

const tenant = {
  domain: 'unprovisioned.sharepoint.com',
  entraTenantId: '00000000-0000-4000-8000-0000000000aa',
  siteUrl: 'https://unprovisioned.sharepoint.com/sites/helpdesk',
  supportAddresses: ['support@unprovisioned.example'],
  licence: { plan: 'standard', expiresAt: '2099-12-31', suspended: false },
  installations: [],
};

describe('a mail that can never succeed', () => {
  it("when the tenant's site lacks the helpdesk lists, then the mail goes to mail-in-poison at once with its staged copy kept", async () => {
    const config = loadConfig(settings());
    const deps = buildDeps(config);
    await registerSimTenant(config.graph.baseUrl, tenant);
    await deps.tenants.put(tenant);
    const poison = await emptyTestQueue(POISON_QUEUE);
    const host = await startHost();
    const address = tenant.supportAddresses[0] ?? '';
    const raw = mail({ to: address });
    const res = await postMail(host.url, raw, address);
    expect(res.status).toBe(202);

    const entry = await eventually(async () => {
      const { peekedMessageItems } = await poison.peekMessages({ numberOfMessages: 32 });
      return peekedMessageItems
        .map(
          (m) =>
            JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as {
              message?: MailMessage;
              error?: string;
            },
        )
        .find((m) => m.message?.mailId === res.body.id);
    });
    expect(entry.error).toBe('schema-missing');
    expect(await deps.staging.read(entry.message as MailMessage)).toEqual(raw);
    await host.stop();
  });
});
