// Cosmos DB (SQL API): tenant and licence records, support addresses, wrapped per-tenant data keys.
// Containers and partition keys match lib/storage/cosmos.ts; every read there is a point read.

@description('Azure region of the deployment (validated against the EU list in main.bicep).')
param location string

@description('Tags for every resource.')
param tags object

@description('Cosmos DB account name: 3-44 lower-case letters, digits and hyphens.')
@minLength(3)
@maxLength(44)
param name string

@description('SQL database of the service (COSMOS_DATABASE).')
param databaseName string

// Serverless rather than autoscale: traffic is licence checks and one tenant lookup per mail,
// point reads of about 1 RU, bursty and small. Serverless bills per RU with no floor, where
// autoscale bills at least 10% of its maximum (>= 100 RU/s) around the clock. Serverless is
// single-region only, which is what the EU-only promise wants anyway. Move to autoscale if
// sustained load passes a few hundred RU/s.
resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    // One region, the EU one: the app reads the write regions at start-up and refuses non-EU ones.
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    enableMultipleWriteLocations: false
    enableAutomaticFailover: false
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // No primary keys: only Entra ID identities with a data-plane role (roles.bicep) can read or
    // write, and databases/containers change only through ARM (this file), not with a data token.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    // Public endpoint, Entra-only, like storage: private endpoints need VNet integration first.
    publicNetworkAccess: 'Enabled'
    // The default periodic backup is geo-redundant, i.e. copied to the paired region; Local keeps
    // the backups in the account's own region. 8 hours is the shortest retention offered.
    backupPolicy: {
      type: 'Periodic'
      periodicModeProperties: {
        backupIntervalInMinutes: 240
        backupRetentionIntervalInHours: 8
        backupStorageRedundancy: 'Local'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

// id = the SharePoint domain, partitioned by /domain: a licence check is one point read.
resource tenants 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'tenants'
  properties: {
    resource: {
      id: 'tenants'
      partitionKey: {
        paths: [
          '/domain'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

// id = the support address; the document names its tenant's domain. A connected support
// mailbox (issue 8) keeps its subscription and catch-up state here too, id `{tenant}|{address}`.
resource mailboxes 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'mailboxes'
  properties: {
    resource: {
      id: 'mailboxes'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

// id = the tenant; the document holds its data key wrapped by LOG_MASTER_KEY (crypto-shredding:
// deleting it makes the tenant's logs unreadable).
resource keys 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'keys'
  properties: {
    resource: {
      id: 'keys'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

// id = an HMAC of a sender's address under the tenant's key (never the address), partitioned by
// the tenant: the per-sender burst limit's count of recent mails. Each document carries its own
// ttl (the limit's window), so Cosmos deletes it once the window is over.
resource senders 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'senders'
  properties: {
    resource: {
      id: 'senders'
      partitionKey: {
        paths: [
          '/tenant'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
    }
  }
}

// Like senders, partitioned by the tenant with an HMAC id: the sender an ack or notice was sent
// to within the last hour (mail out's loop breaker), expiring by its own ttl.
resource senderAcks 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'senderAcks'
  properties: {
    resource: {
      id: 'senderAcks'
      partitionKey: {
        paths: [
          '/tenant'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
    }
  }
}

// id = a hash of a Mailgun webhook token already taken (lib/relays/replay.ts), partitioned by
// itself: a replayed request is refused. No personal data; each item's ttl ends it once its
// signed timestamp is too old to be accepted anyway.
resource relayTokens 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'relayTokens'
  properties: {
    resource: {
      id: 'relayTokens'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
    }
  }
}

// id = the domain of an erased tenant, with the time of its erasure and nothing else: every
// instance refuses to create a data key or stage mail for it (lib/tenants/tombstones.ts). The
// daily licenceEnd timer removes it 14 days later.
resource tombstones 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'tombstones'
  properties: {
    resource: {
      id: 'tombstones'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
