/**
 * The local Cosmos DB: `@vercel/cosmosdb-server` (state in memory) served over TLS with the
 * stack's certificate; the package's bundled certificate has expired, and the Cosmos SDK only
 * speaks https. Run as its own process: `tsx dev/stack/cosmos.ts` with COSMOS_PORT.
 *
 * The server describes its account as living in "South Central US"; the service refuses a Cosmos
 * account whose write region is outside the EU, so the account answer is rewritten to name the
 * display name of DATA_REGION (West Europe by default), as a real EU account would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { Agent, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

import { CosmosClient } from '@azure/cosmos';
import { createHttpsServer } from '@vercel/cosmosdb-server';

import { ensureLocalCert } from '../certs';
import { loadCosmos, saveCosmos } from './cosmosState';

// The emulator's well-known key (public, and only ever accepted on localhost).
const EMULATOR_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
const SAVE_EVERY_MS = 5000;
const LOADER_HEADER = 'x-local-state-loader';

const EU_REGION_NAMES: Record<string, string> = {
  westeurope: 'West Europe',
  northeurope: 'North Europe',
  francecentral: 'France Central',
  francesouth: 'France South',
  germanywestcentral: 'Germany West Central',
  germanynorth: 'Germany North',
  swedencentral: 'Sweden Central',
  swedensouth: 'Sweden South',
  italynorth: 'Italy North',
  polandcentral: 'Poland Central',
  spaincentral: 'Spain Central',
  belgiumcentral: 'Belgium Central',
  austriaeast: 'Austria East',
};

const regionName =
  EU_REGION_NAMES[process.env.DATA_REGION?.trim().toLowerCase() ?? ''] ?? 'West Europe';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Wraps the server's handler so the database-account answer (GET /) names our region. */
function withRegion(handler: RequestListener): RequestListener {
  return (req, res) => {
    if (req.method === 'GET' && (req.url === '/' || req.url === '')) {
      const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
      res.end = ((chunk?: unknown) =>
        end(
          typeof chunk === 'string'
            ? chunk.replaceAll('"South Central US"', JSON.stringify(regionName))
            : chunk,
        )) as ServerResponse['end'];
    }
    handler(req, res);
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function main(): Promise<void> {
  const port = Number(process.env.COSMOS_PORT ?? 8081);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`COSMOS_PORT: '${process.env.COSMOS_PORT ?? ''}' is not a TCP port`);
  }
  const { cert, key } = await ensureLocalCert();
  const server = createHttpsServer({ cert, key });
  const [handler] = server.listeners('request') as RequestListener[];
  if (!handler) throw new Error('@vercel/cosmosdb-server registered no request handler');
  server.removeAllListeners('request');
  // Until the last run's state is loaded, only the loader is served: no one (the readiness
  // probe, the seed, the host) sees the server half loaded.
  let loading = true;
  const regional = withRegion(handler);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (loading && req.headers[LOADER_HEADER] === undefined) {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    regional(req, res);
  });

  const stateFile = process.env.COSMOS_STATE?.trim();
  // localhost only: the server accepts the emulator's well-known key. (The server makes its
  // in-memory account when it starts listening, so state can only go in on this port.)
  await listen(server, port).catch((err: NodeJS.ErrnoException) => {
    throw new Error(err.code === 'EADDRINUSE' ? `port ${port} is already in use` : err.message);
  });
  const client = new CosmosClient({
    endpoint: `https://localhost:${port}`,
    key: EMULATOR_KEY,
    agent: new Agent({ ca: cert }),
    connectionPolicy: { enableEndpointDiscovery: false },
    defaultHeaders: { [LOADER_HEADER]: '1' },
  });
  if (stateFile) {
    const loaded = await loadCosmos(client, stateFile);
    if (loaded) console.log(`cosmos: ${loaded} documents loaded from the last run`);
  }
  loading = false;
  console.log(`cosmos: ready at https://localhost:${port}`);
  let saving = Promise.resolve();
  const save = (): Promise<void> => {
    if (!stateFile) return Promise.resolve();
    saving = saving
      .then(() => saveCosmos(client, stateFile))
      .catch((err: unknown) => console.error(`cosmos: state not saved: ${String(err)}`));
    return saving;
  };
  // A crash loses at most the last few seconds, as with any local emulator.
  if (stateFile) setInterval(() => void save(), SAVE_EVERY_MS).unref();
  server.on('error', (err) => {
    console.error(`cosmos: ${err.message}`);
    process.exit(1);
  });
  const stop = (): void => {
    void save().finally(() => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(`cosmos: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
