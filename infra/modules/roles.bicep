// Every grant the Function App's identity holds, in one place. Each assignment is named
// guid(scope, principal, role): the same grant always gets the same name, so a redeploy updates
// it in place instead of failing with RoleAssignmentExists or piling up duplicates.

@description('Principal (object) id of the Function App identity.')
param principalId string

@description('Storage account holding host state, staged mail, logs and queues.')
param storageAccountName string

@description('Key Vault holding the app secrets.')
param keyVaultName string

@description('Cosmos DB account of the tenant records.')
param cosmosAccountName string

// Built-in role ids (the same in every tenant).
var storageRoles = {
  // Functions host (singleton leases, host keys, the Flex deployment package) and the app
  // (staged mail, logs); Owner is the role the Functions docs give AzureWebJobsStorage.
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // The mail-in queue trigger, the inbound function enqueuing, and poison handling.
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // The Functions host keeps its diagnostic events in tables of AzureWebJobsStorage.
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
// Cosmos DB Built-in Data Contributor: a data-plane role (sqlRoleDefinitions), not an ARM role.
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' existing = {
  name: cosmosAccountName
}


// roleAssignments@2022-04-01 is the newest GA version of this type.
resource storageGrants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoles): {
    name: guid(storage.id, principalId, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: principalId
      // Named explicitly so ARM does not look the principal up, which fails for a minutes-old
      // identity that has not replicated through Entra ID yet.
      principalType: 'ServicePrincipal'
    }
  }
]

// Vault scope is least privilege here: the vault holds only this app's secrets.
resource secretsGrant 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Account scope: the account holds only the service's database, and the SDK reads account
// metadata (endpoint discovery, the EU write-region check at start-up) outside any database.
resource cosmosGrant 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, principalId, cosmosDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    principalId: principalId
    scope: cosmos.id
  }
}
