// The storage account: Functions host state (AzureWebJobsStorage), staged mail (claim-check),
// the encrypted log blobs, the mail-in and mailbox-in queues and the Flex Consumption deployment
// package. Names must match lib/storage (STAGING_CONTAINER, LOGS_CONTAINER, MAIL_QUEUE,
// POISON_QUEUE, MAILBOX_QUEUE);
// tests/infra pins them.

@description('Azure region of the deployment (validated against the EU list in main.bicep).')
param location string

@description('Tags for every resource.')
param tags object

@description('Storage account name: 3-24 lower-case letters and digits.')
@minLength(3)
@maxLength(24)
param name string

@description('Blob container the Flex Consumption platform deploys the app package to.')
param deploymentContainerName string

// The service promises a week of logs and no mail at rest: 7 days is that promise. The hourly
// purgeLogs timer deletes first; this rule is the second line, should the timer not run.
var retentionDays = 7

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  // LRS: staged mail lives minutes and logs a week, so geo-redundancy buys little; it would put a
  // second copy in the paired region, and several newer EU regions (Italy North, Poland Central,
  // Spain Central) have no pair at all. LRS keeps every copy in the chosen region.
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Nothing here is ever public: staged mail and logs are customer data (encrypted or not).
    allowBlobPublicAccess: false
    // No account keys and no SAS signed with them: only Entra ID identities holding a data role get
    // in, so there is no connection string to leak. The portal then uses Entra ID as well.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // Public endpoint, Entra-only. Flex Consumption without VNet integration reaches storage over
    // its public endpoint; private endpoints + VNet integration are the next step (infra/README.md).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    // Encryption at rest is Azure's default (AES-256, Microsoft-managed keys); the app seals
    // every log line and staged mail under per-tenant keys on top of it.
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // Soft delete, versioning and the change feed each keep what the app deletes (a delivered mail,
    // a purged log) for longer than the 7 days promised, so all three stay off.
    deleteRetentionPolicy: {
      enabled: false
    }
    containerDeleteRetentionPolicy: {
      enabled: false
    }
    isVersioningEnabled: false
    changeFeed: {
      enabled: false
    }
  }
}

resource stagingContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'mail-staging'
  properties: {
    publicAccess: 'None'
  }
}

resource logsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'logs'
  properties: {
    publicAccess: 'None'
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource mailQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: 'mail-in'
}

// The Functions host creates it on the first poison message; declaring it keeps the app's
// identity from needing to create queues and makes the dead-letter queue visible from day one.
resource poisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: 'mail-in-poison'
}

// The mailbox door (issue 8): a job per message to fetch from, or per mailbox to catch up with,
// a customer's support mailbox; its poison queue declared for the same reason as mail-in's.
resource mailboxQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: 'mailbox-in'
}

resource mailboxPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: 'mailbox-in-poison'
}

resource retention 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-mail-and-logs-after-7-days'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              // Logs are append blobs (one per tenant and hour); staged mail is block blobs.
              // A rule without appendBlob would never touch a log.
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              // Prefixes are container names plus '/'; the deployment container is not listed.
              prefixMatch: [
                'mail-staging/'
                'logs/'
              ]
            }
            actions: {
              // Lifecycle runs about once a day, so a blob may outlive 7 days by up to a day when
              // the purge timer has not run; the timer (hourly) is what keeps the promise exact.
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: retentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainer.name
