// The Function App's identity. User-assigned rather than system-assigned so that it exists, and
// holds its roles, before the app does: the Functions host reads AzureWebJobsStorage and resolves
// Key Vault references as soon as the site starts, and a system-assigned identity would only get
// its grants after the site (and its first failed start) existed.

@description('Azure region of the deployment (validated against the EU list in main.bicep).')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the user-assigned identity.')
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
