// Key Vault for the app's three secrets. The Function App reads them as Key Vault references
// (functionapp.bicep), so the values never appear in app settings, deployment outputs or the repo.

@description('Azure region of the deployment (validated against the EU list in main.bicep).')
param location string

@description('Tags for every resource.')
param tags object

@description('Key Vault name: 3-24 letters, digits and hyphens.')
@minLength(3)
@maxLength(24)
param name string

@description('Secret names in the vault, keyed graphClientSecret, licenseSigningKeys, logMasterKey.')
param secretNames object

@secure()
@description('Client secret of the multi-tenant Graph app registration.')
param graphClientSecret string

@secure()
@description('JWK Set of Ed25519 private keys signing licence answers (JSON).')
param licenseSigningKeys string

@secure()
@description('32 random bytes, base64: wraps the per-tenant data keys of logs and staged mail.')
param logMasterKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Azure RBAC instead of access policies: access is a role assignment named with guid(...)
    // like every other grant (roles.bicep), visible and auditable in one place.
    enableRbacAuthorization: true
    // LOG_MASTER_KEY unwraps every tenant's data key and LICENSE_SIGNING_KEYS vouches for every
    // licence: a deleted vault or secret must be recoverable and must not be purgeable at once.
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // Secrets reach the app only through Key Vault references, never through ARM or VM access.
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
    // Public endpoint, Entra-only (RBAC): Key Vault references from an app without VNet
    // integration resolve over it. Private endpoint: with VNet integration (infra/README.md).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource graphClientSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.graphClientSecret
  properties: {
    value: graphClientSecret
    contentType: 'text/plain'
  }
}

resource licenseSigningKeysValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.licenseSigningKeys
  properties: {
    value: licenseSigningKeys
    contentType: 'application/jwk-set+json'
  }
}

resource logMasterKeyValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.logMasterKey
  properties: {
    value: logMasterKey
    contentType: 'application/octet-stream;base64'
  }
}

output name string = vault.name
output id string = vault.id
