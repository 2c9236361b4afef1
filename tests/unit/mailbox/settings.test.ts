import { loadConfig } from '../../../lib/config';
import { ConfigError } from '../../../lib/errors';
import { connectMailbox } from '../../../lib/mailbox';
import { mailboxWorld } from './fakes';

const valid = {
  DATA_REGION: 'westeurope',
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  COSMOS_ENDPOINT: 'https://localhost:8081',
  GRAPH_CLIENT_ID: 'id',
  GRAPH_CLIENT_SECRET: 's',
  GRAPH_AUTHORITY_HOST: 'https://localhost:7443',
  GRAPH_BASE_URL: 'https://localhost:7443',
  LICENSE_SIGNING_KEYS: '{"keys":[]}',
  LOG_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('PUBLIC_BASE_URL: where Graph posts mailbox notifications', () => {
  it('when set, then it is an http(s) URL without a trailing slash; unset, it is undefined', () => {
    const url = (value?: string) =>
      loadConfig(value === undefined ? valid : { ...valid, PUBLIC_BASE_URL: value }).publicBaseUrl;
    expect(url('https://helpdesk.example/')).toBe('https://helpdesk.example');
    expect(url('http://localhost:7071')).toBe('http://localhost:7071');
    expect(url()).toBeUndefined();
    expect(url('  ')).toBeUndefined();
    expect(() => url('ftp://helpdesk.example')).toThrow(ConfigError);
    expect(() => url('not a url')).toThrow(ConfigError);
  });

  it('when it is missing, then connecting a mailbox stops with the setting named, before anything is done', async () => {
    const w = mailboxWorld((r) => (r.path.endsWith('/childFolders') ? { id: 'f' } : { id: 'x' }));
    await w.mailboxes.delete('contoso.sharepoint.com', 'support@contoso.com');
    w.deps.config.publicBaseUrl = undefined;
    await expect(
      connectMailbox(w.deps, 'contoso.sharepoint.com', 'support@contoso.com'),
    ).rejects.toMatchObject({ key: 'PUBLIC_BASE_URL' });
    expect(w.exchange.requests).toEqual([]);
    expect(await w.mailboxes.list()).toEqual([]);
  });
});
