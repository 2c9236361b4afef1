/**
 * The promises infra/ makes, checked on the Bicep source: no Bicep CLI can be installed here, so
 * nothing is compiled to ARM JSON or validated against Azure's schemas (infra/README.md says what
 * that leaves unchecked). bicepText.ts reads the subset of Bicep infra/ uses and throws on the rest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { parse as parseYaml } from 'yaml';

import { EU_REGIONS } from '../../lib/config';
import { LOGS_CONTAINER } from '../../lib/storage/logs';
import { MAILBOX_QUEUE } from '../../lib/storage/names';
import { MAIL_QUEUE, POISON_QUEUE, STAGING_CONTAINER } from '../../lib/storage/staging';
import {
  type BicepObject,
  type BicepValue,
  type Declaration,
  at,
  literal,
  parseBicep,
  stripComments,
} from './bicepText';

const ROOT = join(__dirname, '../..');
const INFRA = join(ROOT, 'infra');
const MODULES = ['identity', 'storage', 'cosmos', 'keyvault', 'roles', 'functionapp'] as const;

const read = (path: string): string => readFileSync(join(INFRA, path), 'utf8');
const main = parseBicep(read('main.bicep'));
const modules = Object.fromEntries(
  MODULES.map((m) => [m, parseBicep(read(`modules/${m}.bicep`))]),
) as Record<(typeof MODULES)[number], Declaration[]>;
const everyFile: Array<[string, Declaration[]]> = [
  ['main.bicep', main],
  ...MODULES.map((m): [string, Declaration[]] => [`modules/${m}.bicep`, modules[m]]),
];
const everyDecl = everyFile.flatMap(([, decls]) => decls);

function declared(decls: Declaration[], type: string): Declaration[] {
  return decls.filter((d) => d.kind === 'resource' && d.type === type && !d.existing);
}

function only(decls: Declaration[], type: string): BicepObject {
  const found = declared(decls, type);
  expect(found).toHaveLength(1);
  return found[0]?.value as BicepObject;
}

function named(decls: Declaration[], kind: Declaration['kind'], name: string): Declaration {
  const found = decls.find((d) => d.kind === kind && d.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** Plain string items of an array literal. */
function strings(value: BicepValue | undefined): string[] {
  return Array.isArray(value) ? value.map((v) => literal(v) ?? `<${String(v)}>`) : [];
}

/** Every expression in a value, object keys excluded. */
function leaves(value: BicepValue | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  return (Array.isArray(value) ? value : Object.values(value)).flatMap(leaves);
}

describe('infra: EU regions only', () => {
  const location = named(main, 'param', 'location');

  it("allows exactly the app's EU_REGIONS as the location", () => {
    const allowed = location.decorators.find((d) => d.startsWith('@allowed('));
    expect(allowed).toBeDefined();
    const regions = [...(allowed as string).matchAll(/'([^']*)'/g)].map((m) => m[1]);
    expect(regions.sort()).toEqual([...EU_REGIONS].sort());
    expect(location.value).toBeUndefined(); // no default: azd asks, AZURE_LOCATION answers
  });

  it('puts every resource in that location and lets no module pick its own', () => {
    const located = everyDecl.filter((d) => d.kind === 'resource' && at(d.value, 'location'));
    expect(located.length).toBeGreaterThanOrEqual(7);
    for (const d of located)
      expect([d.name, at(d.value, 'location')]).toEqual([d.name, 'location']);
    for (const m of MODULES) {
      const param = modules[m].find((d) => d.kind === 'param' && d.name === 'location');
      if (param) expect([m, param.value]).toEqual([m, undefined]);
    }
  });

  it('keeps Cosmos DB and its backups in that one region and names it as DATA_REGION', () => {
    const account = only(modules.cosmos, 'Microsoft.DocumentDB/databaseAccounts');
    const locations = at(account, 'properties.locations') as BicepObject[];
    expect(locations).toHaveLength(1);
    expect(at(locations[0], 'locationName')).toBe('location');
    expect(
      at(account, 'properties.backupPolicy.periodicModeProperties.backupStorageRedundancy'),
    ).toBe("'Local'");
    const settings = only(modules.functionapp, 'Microsoft.Web/sites/config');
    expect(at(settings, 'properties.DATA_REGION')).toBe('location');
  });
});

describe('infra: storage account', () => {
  const account = only(modules.storage, 'Microsoft.Storage/storageAccounts');
  const blobs = only(modules.storage, 'Microsoft.Storage/storageAccounts/blobServices');

  it('takes TLS 1.2+, HTTPS only, no public blobs and no shared keys', () => {
    expect(at(account, 'kind')).toBe("'StorageV2'");
    expect(at(account, 'properties.minimumTlsVersion')).toBe("'TLS1_2'");
    expect(at(account, 'properties.supportsHttpsTrafficOnly')).toBe('true');
    expect(at(account, 'properties.allowBlobPublicAccess')).toBe('false');
    expect(at(account, 'properties.allowSharedKeyAccess')).toBe('false');
  });

  it('keeps nothing the app deletes: no soft delete, versioning or change feed', () => {
    expect(at(blobs, 'properties.deleteRetentionPolicy.enabled')).toBe('false');
    expect(at(blobs, 'properties.containerDeleteRetentionPolicy.enabled')).toBe('false');
    expect(at(blobs, 'properties.isVersioningEnabled')).toBe('false');
    expect(at(blobs, 'properties.changeFeed.enabled')).toBe('false');
  });

  it('creates the containers and queues lib/storage uses, none public', () => {
    const containers = declared(
      modules.storage,
      'Microsoft.Storage/storageAccounts/blobServices/containers',
    );
    const names = containers.map((c) => literal(at(c.value, 'name')));
    expect(names).toEqual(expect.arrayContaining([STAGING_CONTAINER, LOGS_CONTAINER]));
    for (const c of containers) expect(at(c.value, 'properties.publicAccess')).toBe("'None'");
    const queues = declared(
      modules.storage,
      'Microsoft.Storage/storageAccounts/queueServices/queues',
    );
    expect(queues.map((q) => literal(at(q.value, 'name'))).sort()).toEqual(
      [MAIL_QUEUE, POISON_QUEUE, MAILBOX_QUEUE, `${MAILBOX_QUEUE}-poison`].sort(),
    );
  });

  it('deletes staged mail and logs (append blobs too) 7 days after their last write', () => {
    const policy = only(modules.storage, 'Microsoft.Storage/storageAccounts/managementPolicies');
    const rules = at(policy, 'properties.policy.rules') as BicepObject[];
    expect(rules).toHaveLength(1);
    const rule = rules[0] as BicepObject;
    expect(at(rule, 'enabled')).toBe('true');
    expect(strings(at(rule, 'definition.filters.blobTypes')).sort()).toEqual([
      'appendBlob',
      'blockBlob',
    ]);
    // Exactly these two: a broader prefix would delete the deployment package too.
    expect(strings(at(rule, 'definition.filters.prefixMatch')).sort()).toEqual(
      [`${STAGING_CONTAINER}/`, `${LOGS_CONTAINER}/`].sort(),
    );
    const days = at(rule, 'definition.actions.baseBlob.delete.daysAfterModificationGreaterThan');
    const resolved =
      modules.storage.find((d) => d.kind === 'var' && d.name === days)?.value ?? days;
    expect(resolved).toBe('7');
  });
});

describe('infra: Cosmos DB', () => {
  const account = only(modules.cosmos, 'Microsoft.DocumentDB/databaseAccounts');

  it('has no keys (Entra ID only), TLS 1.2 and is serverless', () => {
    expect(at(account, 'properties.disableLocalAuth')).toBe('true');
    expect(at(account, 'properties.disableKeyBasedMetadataWriteAccess')).toBe('true');
    expect(at(account, 'properties.minimalTlsVersion')).toBe("'Tls12'");
    const capabilities = at(account, 'properties.capabilities') as BicepObject[];
    expect(capabilities.map((c) => literal(at(c, 'name')))).toContain('EnableServerless');
  });

  it('creates database helpdesk with the containers and partition keys of lib/storage/cosmos.ts', () => {
    expect(named(main, 'var', 'cosmosDatabaseName').value).toBe("'helpdesk'");
    expect(at(named(main, 'module', 'cosmos').value, 'params.databaseName')).toBe(
      'cosmosDatabaseName',
    );
    const containers = declared(
      modules.cosmos,
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
    ).map((c) => [
      literal(at(c.value, 'name')),
      strings(at(c.value, 'properties.resource.partitionKey.paths')),
    ]);
    expect(Object.fromEntries(containers)).toEqual({
      tenants: ['/domain'],
      mailboxes: ['/id'],
      keys: ['/id'],
      senders: ['/tenant'],
      senderAcks: ['/tenant'],
      relayTokens: ['/id'],
      tombstones: ['/id'],
    });
    // Sender counts and ack windows expire with their window: time-to-live on, set per item.
    for (const name of ['senders', 'senderAcks', 'relayTokens']) {
      const container = named(modules.cosmos, 'resource', name).value;
      expect(at(container, 'properties.resource.defaultTtl')).toBe('-1');
    }
  });
});

describe('infra: Key Vault and secrets', () => {
  const vault = only(modules.keyvault, 'Microsoft.KeyVault/vaults');
  const secureParams = everyFile.flatMap(([file, decls]) =>
    decls
      .filter((d) => d.kind === 'param' && d.decorators.includes('@secure()'))
      .map((d) => ({ file, d })),
  );

  it('uses RBAC, soft delete and purge protection', () => {
    expect(at(vault, 'properties.enableRbacAuthorization')).toBe('true');
    expect(at(vault, 'properties.enableSoftDelete')).toBe('true');
    expect(at(vault, 'properties.enablePurgeProtection')).toBe('true');
  });

  it('takes every secret as a @secure parameter without a default and stores it only in the vault', () => {
    const inMain = secureParams.filter((p) => p.file === 'main.bicep').map((p) => p.d.name);
    expect(inMain.sort()).toEqual(['graphClientSecret', 'licenseSigningKeys', 'logMasterKey']);
    for (const { d } of secureParams) expect([d.name, d.value]).toEqual([d.name, undefined]);
    const kvSecure = secureParams
      .filter((p) => p.file === 'modules/keyvault.bicep')
      .map((p) => p.d.name);
    const values = declared(modules.keyvault, 'Microsoft.KeyVault/vaults/secrets').map((s) =>
      at(s.value, 'properties.value'),
    );
    expect(values.sort()).toEqual(kvSecure.sort());
  });

  it('holds no secret literal, key listing, connection string or secret output', () => {
    for (const [file] of everyFile) {
      const code = stripComments(read(file));
      expect([file, code]).not.toEqual([
        file,
        expect.stringMatching(/listKeys|listConnectionStrings/),
      ]);
      expect([file, code]).not.toEqual([
        file,
        expect.stringMatching(/AccountKey=|SharedAccessSignature/),
      ]);
    }
    // Key material: a value that is a long base64 run (a 32-byte key is 44 characters) or a JWK.
    const keyLike = everyDecl
      .flatMap((d) => leaves(d.value))
      .filter((v) => /[A-Za-z0-9+/]{40,}|"d"\s*:/.test(v));
    expect(keyLike).toEqual([]);
    const secureNames = new Set(secureParams.map((p) => p.d.name));
    for (const d of everyDecl.filter((x) => x.kind === 'output')) {
      const words = String(d.value).match(/\w+/g) ?? [];
      expect([d.name, words.filter((w) => secureNames.has(w))]).toEqual([d.name, []]);
    }
  });

  it('fills every azd parameter from the environment, never from a literal', () => {
    const params = JSON.parse(read('main.parameters.json')) as {
      parameters: Record<string, { value: unknown }>;
    };
    for (const [name, { value }] of Object.entries(params.parameters)) {
      expect([name, value]).toEqual([name, expect.stringMatching(/^\$\{[A-Z_]+\}$/)]);
    }
    expect(params.parameters.location?.value).toBe('${AZURE_LOCATION}');
    expect(params.parameters.environmentName?.value).toBe('${AZURE_ENV_NAME}');
  });
});

describe('infra: role assignments', () => {
  const assignments = everyDecl.filter(
    (d) =>
      d.kind === 'resource' &&
      /\/(roleAssignments|sqlRoleAssignments)$/.test(d.type) &&
      !d.existing,
  );

  it('names every assignment with guid(...) so redeploys are idempotent', () => {
    expect(assignments.length).toBeGreaterThanOrEqual(3);
    for (const a of assignments)
      expect([a.name, at(a.value, 'name')]).toEqual([a.name, expect.stringMatching(/^guid\(/)]);
  });

  it('grants the app identity storage, Key Vault secrets and Cosmos data roles, nothing else', () => {
    const roleIds = read('modules/roles.bicep').match(
      /'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'/g,
    );
    expect(new Set(roleIds)).toEqual(
      new Set([
        "'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'", // Storage Blob Data Owner
        "'974c5e8b-45b9-4653-ba55-5f855dd0fb88'", // Storage Queue Data Contributor
        "'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'", // Storage Table Data Contributor
        "'4633458b-17de-408a-b874-0445c86b69e6'", // Key Vault Secrets User
        "'00000000-0000-0000-0000-000000000002'", // Cosmos DB Built-in Data Contributor
      ]),
    );
    for (const a of assignments) expect(at(a.value, 'properties.principalId')).toBe('principalId');
    expect(at(named(main, 'module', 'roles').value, 'params.principalId')).toBe(
      'identity.outputs.principalId',
    );
  });
});

describe('infra: Function App', () => {
  const plan = only(modules.functionapp, 'Microsoft.Web/serverfarms');
  const site = only(modules.functionapp, 'Microsoft.Web/sites');
  const settings = at(
    only(modules.functionapp, 'Microsoft.Web/sites/config'),
    'properties',
  ) as BicepObject;

  it('runs Node 22 on Flex Consumption (FC1), deploying with its managed identity', () => {
    expect(at(plan, 'sku.name')).toBe("'FC1'");
    expect(at(plan, 'sku.tier')).toBe("'FlexConsumption'");
    expect(at(site, 'properties.functionAppConfig.runtime.name')).toBe("'node'");
    expect(at(site, 'properties.functionAppConfig.runtime.version')).toBe("'22'");
    expect(at(site, 'properties.functionAppConfig.deployment.storage.authentication.type')).toBe(
      "'UserAssignedIdentity'",
    );
    expect(at(site, 'identity.type')).toBe("'UserAssigned'");
  });

  it('takes HTTPS only with TLS 1.2+, and no FTP or basic-auth publishing', () => {
    expect(at(site, 'properties.httpsOnly')).toBe('true');
    expect(at(site, 'properties.siteConfig.minTlsVersion')).toBe("'1.2'");
    expect(at(site, 'properties.siteConfig.ftpsState')).toBe("'Disabled'");
    const policies = declared(
      modules.functionapp,
      'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
    );
    expect(
      policies.map((p) => [literal(at(p.value, 'name')), at(p.value, 'properties.allow')]),
    ).toEqual([
      ['ftp', 'false'],
      ['scm', 'false'],
    ]);
  });

  it('connects to storage by identity and reads every secret from Key Vault', () => {
    expect(Object.keys(settings)).toEqual(
      expect.arrayContaining(['AzureWebJobsStorage__accountName']),
    );
    for (const banned of [
      'AzureWebJobsStorage',
      'COSMOS_KEY',
      'FUNCTIONS_WORKER_RUNTIME',
      'WEBSITE_RUN_FROM_PACKAGE',
    ]) {
      expect(settings).not.toHaveProperty(banned);
    }
    const vaultSecrets = new Set(
      modules.functionapp
        .filter((d) => d.existing && d.type === 'Microsoft.KeyVault/vaults/secrets')
        .map((d) => d.name),
    );
    for (const key of ['GRAPH_CLIENT_SECRET', 'LICENSE_SIGNING_KEYS', 'LOG_MASTER_KEY']) {
      const ref = /^'@Microsoft\.KeyVault\(SecretUri=\$\{(\w+)\.properties\.secretUri\}\)'$/.exec(
        String(settings[key]),
      );
      expect([key, ref && vaultSecrets.has(ref[1] as string)]).toEqual([key, true]);
    }
  });

  it('sets every other setting lib/config.ts reads', () => {
    expect(Object.keys(settings)).toEqual(
      expect.arrayContaining([
        'DATA_REGION',
        'COSMOS_ENDPOINT',
        'COSMOS_DATABASE',
        'GRAPH_CLIENT_ID',
        'MAIL_MAX_BYTES',
        'PUBLIC_BASE_URL',
      ]),
    );
    // Graph posts mailbox notifications there: the app's own HTTPS host, never a literal.
    expect(settings.PUBLIC_BASE_URL).toBe("'https://${site.properties.defaultHostName}'");
    expect(settings.GRAPH_AUTHORITY_HOST).toBe("'https://login.microsoftonline.com'");
    expect(settings.GRAPH_BASE_URL).toBe("'https://graph.microsoft.com'");
    expect(at(named(main, 'module', 'functionApp').value, 'params.cosmosDatabaseName')).toBe(
      'cosmos.outputs.databaseName',
    );
  });
});

describe('infra: structure a Bicep build would also check (in part)', () => {
  it('passes each module exactly the parameters it declares, all required ones included', () => {
    for (const mod of main.filter((d) => d.kind === 'module')) {
      const file = join(INFRA, mod.type);
      expect(existsSync(file)).toBe(true);
      const params = parseBicep(readFileSync(file, 'utf8')).filter((d) => d.kind === 'param');
      const passed = Object.keys(at(mod.value, 'params') as BicepObject).sort();
      const required = params.filter((p) => p.value === undefined).map((p) => p.name);
      expect([mod.name, passed]).toEqual([mod.name, expect.arrayContaining(required)]);
      const known = new Set(params.map((p) => p.name));
      expect([mod.name, passed.filter((p) => !known.has(p))]).toEqual([mod.name, []]);
    }
  });

  it('reads only outputs the modules declare', () => {
    const source = stripComments(read('main.bicep'));
    for (const [, symbol, output] of source.matchAll(/\b(\w+)\.outputs\.(\w+)/g)) {
      const mod = named(main, 'module', symbol as string);
      const outputs = parseBicep(readFileSync(join(INFRA, mod.type), 'utf8')).filter(
        (d) => d.kind === 'output',
      );
      expect([symbol, outputs.map((o) => o.name)]).toEqual([
        symbol,
        expect.arrayContaining([output]),
      ]);
    }
  });

  it('uses GA API versions of 2022-2024 (roleAssignments has none newer than 2022-04-01)', () => {
    for (const d of everyDecl.filter((x) => x.kind === 'resource')) {
      expect([d.type, d.apiVersion]).toEqual([
        d.type,
        expect.stringMatching(/^202[2-4]-\d\d-\d\d$/),
      ]);
    }
  });

  it('is deployable with azd: azure.yaml names the api service and the app carries its tag', () => {
    const azd = parseYaml(readFileSync(join(ROOT, 'azure.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(azd).toMatchObject({
      name: 'helpdesk-mail',
      infra: { provider: 'bicep', path: 'infra' },
      services: { api: { project: '.', language: 'ts', host: 'function' } },
    });
    expect(existsSync(join(dirname(INFRA), 'host.json'))).toBe(true);
    expect(at(named(main, 'module', 'functionApp').value, 'params.tags')).toMatch(
      /'azd-service-name':\s*'api'/,
    );
  });
});
