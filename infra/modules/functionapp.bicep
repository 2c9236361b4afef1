// The Function App on Flex Consumption (FC1): Node 22, the app's identity for every connection,
// secrets as Key Vault references. No APPLICATIONINSIGHTS_CONNECTION_STRING: see infra/README.md.

@description('Azure region of the deployment (validated against the EU list in main.bicep).')
param location string

@description('Tags for every resource; azd finds the app by its azd-service-name tag.')
param tags object

@description('Function App name (also its default host name).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (DefaultAzureCredential and the host pick it by this).')
param identityClientId string

@description('Storage account of AzureWebJobsStorage, staged mail, logs and the deployment package.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Cosmos DB document endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('Key Vault holding the secrets.')
param keyVaultName string

@description('Secret names in the vault, keyed graphClientSecret, licenseSigningKeys, logMasterKey.')
param secretNames object

@description('Application (client) id of the multi-tenant Graph app registration.')
param graphClientId string

@description('Largest raw mail accepted at the door, in bytes (MAIL_MAX_BYTES).')
param mailMaxBytes int

@description('Upper bound of instances the platform may scale out to.')
param maximumInstanceCount int

@description('Memory per instance in MB.')
param instanceMemoryMB int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource graphClientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: secretNames.graphClientSecret
}

resource licenseSigningKeys 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: secretNames.licenseSigningKeys
}

resource logMasterKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: secretNames.logMasterKey
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Flex Consumption runs on Linux.
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with this identity (the default would be a system identity).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // No platform CORS: the licence endpoint answers CORS itself (lib/licensing/cors.ts), and
      // platform CORS would replace its headers.
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          // The package is fetched with the app's identity: the storage account has no keys.
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // package.json asks for Node >= 20; 22 is the current LTS offered on Flex Consumption.
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// azd deploys with an Entra token (One Deploy); basic-auth publishing credentials would be a
// shared key for the app's code, so both endpoints refuse them.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// Flex Consumption sets the runtime from functionAppConfig and rejects FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and the content-share settings.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Identity-based host storage: no connection string, no key. The host and the mail-in queue
    // trigger (connection 'AzureWebJobsStorage') build their clients from these three.
    // The app's own code still reads AzureWebJobsStorage as a connection string: infra/README.md.
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // DefaultAzureCredential in the app code picks the user-assigned identity by this.
    AZURE_CLIENT_ID: identityClientId
    // No COSMOS_KEY: the account has local auth disabled; the app must use its identity.
    COSMOS_ENDPOINT: cosmosEndpoint
    COSMOS_DATABASE: cosmosDatabaseName
    GRAPH_CLIENT_ID: graphClientId
    GRAPH_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${graphClientSecret.properties.secretUri})'
    GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.com'
    GRAPH_BASE_URL: 'https://graph.microsoft.com'
    LICENSE_SIGNING_KEYS: '@Microsoft.KeyVault(SecretUri=${licenseSigningKeys.properties.secretUri})'
    LOG_MASTER_KEY: '@Microsoft.KeyVault(SecretUri=${logMasterKey.properties.secretUri})'
    // The region the data lives in; the app refuses to start unless it is an EU region.
    DATA_REGION: location
    MAIL_MAX_BYTES: string(mailMaxBytes)
    // Where Graph sends a connected mailbox's change and lifecycle notifications
    // (/api/mailbox/notify, /api/mailbox/lifecycle): the app's own HTTPS address.
    PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
