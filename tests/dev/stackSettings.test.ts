/** The local settings loader: which file, the environment's precedence, ports that move URLs. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadLocalSettings, portOf, relocatePorts } from '../../dev/settings';

function repoWith(files: Record<string, Record<string, unknown>>): string {
  const root = mkdtempSync(join(tmpdir(), 'settings-'));
  for (const [name, values] of Object.entries(files)) {
    writeFileSync(join(root, name), JSON.stringify({ IsEncrypted: false, Values: values }));
  }
  return root;
}

const example = {
  DATA_REGION: 'westeurope',
  COSMOS_PORT: '8081',
  COSMOS_ENDPOINT: 'https://localhost:8081',
  AZURITE_QUEUE_PORT: '10001',
  AzureWebJobsStorage: 'QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;',
  REMOTE: 'https://example.com:10001',
};

describe('loadLocalSettings', () => {
  it('when there is no local.settings.json, then the example file is read', () => {
    const root = repoWith({ 'local.settings.example.json': example });
    expect(loadLocalSettings({}, root)).toEqual(example);
  });

  it('when local.settings.json exists, then it wins over the example', () => {
    const root = repoWith({
      'local.settings.example.json': example,
      'local.settings.json': { ...example, DATA_REGION: 'northeurope' },
    });
    expect(loadLocalSettings({}, root).DATA_REGION).toBe('northeurope');
  });

  it('when DEV_SETTINGS_FILE names a file, then that file is read whatever else exists', () => {
    const root = repoWith({
      'local.settings.example.json': example,
      'local.settings.json': { ...example, DATA_REGION: 'northeurope' },
    });
    const env = { DEV_SETTINGS_FILE: 'local.settings.example.json' };
    expect(loadLocalSettings(env, root).DATA_REGION).toBe('westeurope');
  });

  it('when the environment sets a key, then the environment wins; other variables are not added', () => {
    const root = repoWith({ 'local.settings.example.json': example });
    const settings = loadLocalSettings({ DATA_REGION: 'eastus', PATH: '/bin' }, root);
    expect(settings.DATA_REGION).toBe('eastus');
    expect(settings.PATH).toBeUndefined();
  });

  it('when the environment moves a port, then localhost URLs on the old port follow it', () => {
    const root = repoWith({ 'local.settings.example.json': example });
    const settings = loadLocalSettings({ COSMOS_PORT: '9081', AZURITE_QUEUE_PORT: '11001' }, root);
    expect(settings.COSMOS_ENDPOINT).toBe('https://localhost:9081');
    expect(settings.AzureWebJobsStorage).toBe(
      'QueueEndpoint=http://127.0.0.1:11001/devstoreaccount1;',
    );
    expect(settings.REMOTE).toBe('https://example.com:10001');
  });

  it('when the environment also sets the URL itself, then that URL is kept as given', () => {
    const root = repoWith({ 'local.settings.example.json': example });
    const env = { COSMOS_PORT: '9081', COSMOS_ENDPOINT: 'https://localhost:8081' };
    expect(loadLocalSettings(env, root).COSMOS_ENDPOINT).toBe('https://localhost:8081');
  });

  it('when a value is not a string, then the error names the key', () => {
    const root = repoWith({ 'local.settings.example.json': { ...example, BAD: { nested: true } } });
    expect(() => loadLocalSettings({}, root)).toThrow(/Values\.BAD must be a string/);
  });
});

describe('relocatePorts', () => {
  it('when two ports swap, then each URL moves once', () => {
    const moved = relocatePorts(
      {
        COSMOS_PORT: '1000',
        GRAPH_SIM_PORT: '2000',
        A: 'https://localhost:1000',
        B: 'https://localhost:2000',
      },
      { COSMOS_PORT: 2000, GRAPH_SIM_PORT: 1000 },
    );
    expect(moved).toMatchObject({ A: 'https://localhost:2000', B: 'https://localhost:1000' });
  });
});

describe('portOf', () => {
  it.each(['', 'abc', '0', '70000'])(
    'when a port is %j, then a ConfigError names the key',
    (value) => {
      expect(() => portOf({ COSMOS_PORT: value }, 'COSMOS_PORT')).toThrow(/^COSMOS_PORT: /);
    },
  );
});
