// helpdesk-mail in Azure: one resource group in one EU region holding the Function App, its
// storage account, Cosmos DB and Key Vault, and the grants between them. `azd up` deploys it
// (azure.yaml, main.parameters.json); infra/README.md says why each setting is what it is.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name: names the resource group and seeds every resource name.')
param environmentName string

// The service promises customers that what it keeps stays in the EU. This list is the app's
// EU_REGIONS (lib/config.ts), where DATA_REGION is checked at start-up; tests/infra keeps the two
// equal. Everything below takes its region from this one parameter.
@allowed([
  'westeurope'
  'northeurope'
  'francecentral'
  'francesouth'
  'germanywestcentral'
  'germanynorth'
  'swedencentral'
  'swedensouth'
  'italynorth'
  'polandcentral'
  'spaincentral'
  'belgiumcentral'
  'austriaeast'
])
@description('EU region of every resource, of the deployment metadata and of DATA_REGION.')
param location string

@description('Application (client) id of the multi-tenant Graph app registration.')
param graphClientId string

// The app checks each secret's format at start-up; here, only that none was left empty.
@secure()
@minLength(1)
@description('Client secret of the Graph app registration; stored in Key Vault only.')
param graphClientSecret string

@secure()
@minLength(1)
@description('JWK Set of Ed25519 private keys signing licence answers; stored in Key Vault only.')
param licenseSigningKeys string

@secure()
@minLength(1)
@description('32 random bytes, base64 (openssl rand -base64 32); stored in Key Vault only.')
param logMasterKey string

// 35 MiB, what Exchange Online accepts by default (the app's own default); at most 150 MiB.
@minValue(1)
@maxValue(157286400)
@description('Largest raw mail accepted at the door, in bytes.')
param mailMaxBytes int = 36700160

// Bounds the cost and the load on Graph (SharePoint throttles per tenant and app) of a burst.
@minValue(1)
@maxValue(1000)
@description('Most instances Flex Consumption may run at once.')
param maximumInstanceCount int = 40

// 2 GB: a 35 MiB mail parsed by mailparser takes several times its size in memory.
@allowed([
  512
  2048
  4096
])
@description('Memory per Function App instance, MB.')
param instanceMemoryMB int = 2048

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var cosmosDatabaseName = 'helpdesk'
// Key Vault secret names allow letters, digits and hyphens only.
var secretNames = {
  graphClientSecret: 'graph-client-secret'
  licenseSigningKeys: 'license-signing-keys'
  logMasterKey: 'log-master-key'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'id-${resourceToken}'
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'st${resourceToken}'
    deploymentContainerName: 'app-package'
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'cosmos-${resourceToken}'
    databaseName: cosmosDatabaseName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'kv-${resourceToken}'
    secretNames: secretNames
    graphClientSecret: graphClientSecret
    licenseSigningKeys: licenseSigningKeys
    logMasterKey: logMasterKey
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    cosmosAccountName: cosmos.outputs.name
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    location: location
    tags: union(tags, {
      'azd-service-name': 'api'
    })
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    keyVaultName: keyVault.outputs.name
    secretNames: secretNames
    graphClientId: graphClientId
    mailMaxBytes: mailMaxBytes
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The host touches AzureWebJobsStorage and the Key Vault references as soon as the site exists:
  // the grants come first so its first start does not fail on a 403.
  dependsOn: [
    roles
  ]
}

// azd stores these in the environment (.azure/<env>/.env); none is a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output DATA_REGION string = location
