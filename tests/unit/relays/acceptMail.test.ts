/**
 * The one acceptance every door shares (lib/inbound.ts), as the relay doors use it: the door
 * that took the mail rides along to staging, several envelope recipients are tried in order, and
 * an erased tenant's address is answered like a stranger's.
 */
import { TenantErased } from '../../../lib/errors';
import { acceptMail } from '../../../lib/inbound';
import { loadConfig } from '../../../lib/config';
import { SUPPORT, mime, relayDeps } from './support';

describe('acceptMail from a relay', () => {
  it('when a door is given, then staging gets it; without one, none', async () => {
    const deps = relayDeps();
    await acceptMail(mime(), SUPPORT, deps, { kind: 'postmark', spamScore: 3 });
    await acceptMail(mime(), SUPPORT, deps);
    expect(deps.staged.map((s) => s.extra)).toEqual([
      { door: { kind: 'postmark', spamScore: 3 } },
      undefined,
    ]);
  });

  it('when several recipients are given, then the first that is a support address is the mailbox', async () => {
    const deps = relayDeps();
    const result = await acceptMail(mime(), ['', 'a@else.example', ` ${SUPPORT} `], deps);
    expect(result.status).toBe(202);
    expect(deps.staged[0]?.mailbox).toBe(SUPPORT);
  });

  it('when an empty list is given, then the headers name the tenant, as with no recipient', async () => {
    const deps = relayDeps();
    expect((await acceptMail(mime(), [], deps)).status).toBe(202);
  });

  it('when staging says the tenant was erased, then the answer is 404 like an unknown recipient', async () => {
    const deps = relayDeps();
    deps.staging.stage = () => Promise.reject(new TenantErased());
    expect(await acceptMail(mime(), SUPPORT, deps)).toEqual({
      status: 404,
      error: 'recipient is not a support address of any tenant',
    });
    expect(deps.log.events).toEqual([
      { event: 'mail.inbound', outcome: 'refused', code: 'tenant-erased' },
    ]);
  });
});

describe('the relay settings', () => {
  const base = {
    DATA_REGION: 'westeurope',
    AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    COSMOS_ENDPOINT: 'https://localhost:8081',
    GRAPH_CLIENT_ID: 'c',
    GRAPH_CLIENT_SECRET: 's',
    GRAPH_AUTHORITY_HOST: 'https://login.example',
    GRAPH_BASE_URL: 'https://graph.example',
    LICENSE_SIGNING_KEYS: '{}',
    LOG_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
  };

  it('when unset, then both relays are unconfigured and the service still starts', () => {
    expect(loadConfig(base).relays).toEqual({
      mailgunSigningKey: undefined,
      postmarkCredentials: undefined,
    });
  });

  it('when set, then they are read trimmed', () => {
    const env = { ...base, MAILGUN_SIGNING_KEY: ' k ', POSTMARK_INBOUND_CREDENTIALS: 'u:p:w ' };
    expect(loadConfig(env).relays).toEqual({
      mailgunSigningKey: 'k',
      postmarkCredentials: 'u:p:w',
    });
  });

  it.each(['nocolon', ':password', 'user:'])(
    'when the Postmark credentials are %s, then start-up stops naming the setting',
    (value) => {
      expect(() => loadConfig({ ...base, POSTMARK_INBOUND_CREDENTIALS: value })).toThrow(
        /POSTMARK_INBOUND_CREDENTIALS: must be user:password/,
      );
    },
  );
});
