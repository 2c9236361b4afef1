import { loadConfig } from '../../lib/config';
import { ConfigError } from '../../lib/errors';

const valid = {
  DATA_REGION: 'westeurope',
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  COSMOS_ENDPOINT: 'https://localhost:8081',
  COSMOS_KEY: 'k',
  GRAPH_CLIENT_ID: 'id',
  GRAPH_CLIENT_SECRET: 's',
  GRAPH_AUTHORITY_HOST: 'https://localhost:7443',
  GRAPH_BASE_URL: 'https://localhost:7443/',
  LICENSE_SIGNING_KEYS: '{"keys":[]}',
  LOG_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function keyOf(env: Record<string, string>): string | undefined {
  try {
    loadConfig(env);
    return undefined;
  } catch (err) {
    return err instanceof ConfigError ? err.key : 'not a ConfigError';
  }
}

describe('loadConfig', () => {
  it('when every setting is valid, then it returns typed settings with defaults', () => {
    const config = loadConfig(valid);
    expect(config.dataRegion).toBe('westeurope');
    expect(config.graph.baseUrl).toBe('https://localhost:7443');
    expect(config.maxMailBytes).toBe(35 * 1024 * 1024);
    expect(config.cosmos.database).toBe('helpdesk');
    expect(config.senderBurst).toEqual({ limit: 20, windowSeconds: 900 });
  });

  it('when storage is given by account name (Azure, no keys), then an identity-based connection is used', () => {
    const { AzureWebJobsStorage: _, COSMOS_KEY: __, ...keyless } = valid;
    const config = loadConfig({
      ...keyless,
      AzureWebJobsStorage__accountName: 'sthelpdesk',
      AZURE_CLIENT_ID: 'cid',
    });
    expect(config.storage).toEqual({
      kind: 'identity',
      blobUrl: 'https://sthelpdesk.blob.core.windows.net',
      queueUrl: 'https://sthelpdesk.queue.core.windows.net',
      clientId: 'cid',
    });
    expect(config.cosmos.key).toBeUndefined();
  });

  it.each([
    ['a non-EU region', { DATA_REGION: 'eastus' }, 'DATA_REGION'],
    ['a missing region', { DATA_REGION: '' }, 'DATA_REGION'],
    [
      'an http authority',
      { GRAPH_AUTHORITY_HOST: 'http://localhost:7443' },
      'GRAPH_AUTHORITY_HOST',
    ],
    ['a junk Cosmos endpoint', { COSMOS_ENDPOINT: 'not a url' }, 'COSMOS_ENDPOINT'],
    ['a zero size limit', { MAIL_MAX_BYTES: '0' }, 'MAIL_MAX_BYTES'],
    ['a non-numeric size limit', { MAIL_MAX_BYTES: '35MB' }, 'MAIL_MAX_BYTES'],
    [
      'a short master key',
      { LOG_MASTER_KEY: Buffer.alloc(16).toString('base64') },
      'LOG_MASTER_KEY',
    ],
    ['a missing storage connection', { AzureWebJobsStorage: ' ' }, 'AzureWebJobsStorage'],
    ['a zero burst limit', { MAIL_SENDER_BURST_LIMIT: '0' }, 'MAIL_SENDER_BURST_LIMIT'],
    [
      'a burst window over a day',
      { MAIL_SENDER_BURST_WINDOW_SECONDS: '86401' },
      'MAIL_SENDER_BURST_WINDOW_SECONDS',
    ],
  ])('when given %s, then start-up stops naming the key', (_desc, change, key) => {
    expect(keyOf({ ...valid, ...change })).toBe(key);
  });
});

describe('the outbox settings', () => {
  it('when unset, then the sweep is every 5 minutes and the stale age is the outbox default', () => {
    expect(loadConfig(valid).outbox).toEqual({ sweepEveryMinutes: 5, staleSendingMs: undefined });
  });

  it('when set, then they are taken; a zero or a fraction is refused naming the key', () => {
    const set = { ...valid, OUTBOX_SWEEP_EVERY_MINUTES: '1', OUTBOX_STALE_SENDING_MS: '2000' };
    expect(loadConfig(set).outbox).toEqual({ sweepEveryMinutes: 1, staleSendingMs: 2000 });
    expect(keyOf({ ...valid, OUTBOX_SWEEP_EVERY_MINUTES: '0' })).toBe('OUTBOX_SWEEP_EVERY_MINUTES');
    expect(keyOf({ ...valid, OUTBOX_STALE_SENDING_MS: '1.5' })).toBe('OUTBOX_STALE_SENDING_MS');
  });
});
